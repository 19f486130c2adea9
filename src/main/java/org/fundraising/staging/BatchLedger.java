package org.fundraising.staging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.Money;
import org.fundraising.platform.store.RecordLocks;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyQuery;
import org.fundraising.twenty.schema.FundraisingSchema;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A gift batch is one deposit in one currency, and it carries what has been staged into it ({@code totalCount},
 * {@code totalAmount}). Every way a row enters, leaves or changes inside a batch — the API, a CSV import — goes
 * through here: the batches involved are held and read, a row in another currency than its batch's is refused
 * before it is written, and the totals are written from that read once the row is, so two changes never write
 * totals computed from the same read.
 */
@ApplicationScoped
public class BatchLedger {

    /** A staging row's place in a batch: the batch, and the amount it adds there (micros and currency; either may be null). */
    public record Entry(String batchId, Long micros, String currency) {

        /** Where {@code row} (a staging row as Twenty holds it, or its patch) sits; null outside any batch. */
        public static Entry of(JsonNode row) {
            String batchId = StagingRecords.text(row, "giftBatchId");
            if (batchId == null) {
                return null;
            }
            String currency = row.path("amount").path("currencyCode").asText("");
            return new Entry(batchId.toLowerCase(Locale.ROOT), Money.storedMicros(row.path("amount")),
                    currency.isEmpty() ? null : currency);
        }

        boolean sameAs(Entry other) {
            return other != null && batchId.equals(other.batchId) && Objects.equals(micros, other.micros)
                    && Objects.equals(currency, other.currency);
        }
    }

    private record Delta(long count, long micros) {
        Delta plus(Delta other) {
            return new Delta(count + other.count, micros + other.micros);
        }
    }

    private final TwentyClient twenty;
    private final RecordLocks locks;

    BatchLedger(TwentyClient twenty, RecordLocks locks) {
        this.twenty = twenty;
        this.locks = locks;
    }

    /** The batch's currency: that of its expected amount, else that of the rows staged into it so far; null while it has none. */
    public static String currencyOf(JsonNode batch) {
        String expected = batch.path("expectedAmount").path("currencyCode").asText("");
        if (Money.isCurrency(expected)) {
            return expected;
        }
        String staged = batch.path("totalAmount").path("currencyCode").asText("");
        return Money.isCurrency(staged) && batch.path("totalCount").asLong(0) > 0 ? staged : null;
    }

    /**
     * Runs {@code write}, which moves a row from {@code from} to {@code to} (either null: into or out of every batch),
     * while both batches are held; the row's currency is checked against {@code to}'s first, and the totals of both
     * follow once {@code write} has succeeded with a result that {@code counted} accepts (a replay of a write already
     * made is not counted twice).
     */
    public <T> Uni<T> moving(TwentyCaller caller, Entry from, Entry to, Supplier<Uni<T>> write, Predicate<T> counted) {
        if (from == null && to == null || to != null && to.sameAs(from)) {
            return write.get();
        }
        Map<String, Delta> deltas = new LinkedHashMap<>();
        if (from != null) {
            deltas.merge(from.batchId(), new Delta(-1, from.micros() == null ? 0 : -from.micros()), Delta::plus);
        }
        if (to != null) {
            deltas.merge(to.batchId(), new Delta(1, to.micros() == null ? 0 : to.micros()), Delta::plus);
        }
        return locks.all(deltas.keySet().stream().map(BatchLedger::lockName).toList(), () -> read(caller, deltas.keySet())
                .chain(batches -> {
                    if (to != null) {
                        requireCurrency(batches.get(to.batchId()), to.currency());
                    }
                    String currency = to == null ? null : to.currency();
                    return write.get().call(result -> counted.test(result)
                            ? Multi.createFrom().iterable(deltas.entrySet())
                                    .onItem().transformToUniAndConcatenate(delta ->
                                            total(caller, batches.get(delta.getKey()), delta.getValue(), currency))
                                    .collect().last()
                            : Uni.createFrom().voidItem());
                }));
    }

    /** A CSV import's rows, staged in bulk (their currency checked row by row): the batch's totals grow by them. */
    public Uni<Void> grow(TwentyCaller caller, String batchId, String currency, long count, long micros) {
        if (count == 0) {
            return Uni.createFrom().voidItem();
        }
        String id = batchId.toLowerCase(Locale.ROOT);
        return locks.one(lockName(id), () -> read(caller, List.of(id))
                .chain(batches -> total(caller, batches.get(id), new Delta(count, micros), currency)));
    }

    /**
     * The batch's totals counted again from its rows (a read per 200 of them): after an import that another instance
     * took over, which cannot tell the rows the stopped one staged from those of an earlier upload of the file.
     */
    public Uni<Void> recount(TwentyCaller caller, String batchId) {
        String id = batchId.toLowerCase(Locale.ROOT);
        return locks.one(lockName(id), () -> read(caller, List.of(id)).chain(batches -> staged(caller, id).chain(staged -> {
            String batchCurrency = currencyOf(batches.get(id));
            String currency = batchCurrency != null ? batchCurrency
                    : staged.microsByCurrency().keySet().stream().filter(Money::isCurrency).findFirst().orElse(null);
            ObjectNode patch = JsonNodeFactory.instance.objectNode().put("totalCount", staged.count());
            if (currency != null) {
                patch.putObject("totalAmount").put("amountMicros", staged.microsByCurrency().getOrDefault(currency, 0L))
                        .put("currencyCode", currency);
            }
            return twenty.update(caller, FundraisingSchema.GIFT_BATCH.plural(), id, patch).replaceWithVoid();
        })));
    }

    /** What is staged into a batch, counted from its rows: how many, and their amounts per currency ("?" for none). */
    public record Staged(int count, Map<String, Long> microsByCurrency) {
    }

    /** The batch's rows read (a read per 200 of them) and counted, however they were staged. */
    public Uni<Staged> staged(TwentyCaller caller, String batchId) {
        return twenty.listAll(caller, StagingRecords.OBJECT, TwentyQuery.all().withFilter(Filters.eq("giftBatchId", batchId)))
                .collect().asList()
                .map(rows -> {
                    Map<String, Long> amounts = new TreeMap<>();
                    rows.forEach(row -> {
                        Long micros = Money.storedMicros(row.path("amount"));
                        amounts.merge(row.path("amount").path("currencyCode").asText("?"), micros == null ? 0 : micros, Long::sum);
                    });
                    return new Staged(rows.size(), amounts);
                });
    }

    private Uni<Map<String, JsonNode>> read(TwentyCaller caller, Collection<String> batchIds) {
        return Multi.createFrom().iterable(batchIds)
                .onItem().transformToUniAndConcatenate(id -> twenty.findById(caller, FundraisingSchema.GIFT_BATCH.plural(), id, 0)
                        .map(found -> found.orElseThrow(() -> new ApiException(400, "giftBatchId " + id + " names no gift batch",
                                List.of(new FieldError("giftBatchId", "no gift batch has this id")), null))))
                .collect().asMap(batch -> batch.path("id").asText().toLowerCase(Locale.ROOT), batch -> batch);
    }

    private static void requireCurrency(JsonNode batch, String rowCurrency) {
        String batchCurrency = currencyOf(batch);
        if (batchCurrency != null && rowCurrency != null && !batchCurrency.equals(rowCurrency)) {
            throw new ApiException(400, "Gift batch " + batch.path("id").asText() + " is one deposit in " + batchCurrency
                    + ": a gift in " + rowCurrency + " cannot be staged into it",
                    List.of(new FieldError("amount.currencyCode", "is " + rowCurrency + " but the batch is in " + batchCurrency)), null);
        }
    }

    private Uni<Void> total(TwentyCaller caller, JsonNode batch, Delta delta, String rowCurrency) {
        if (delta.count() == 0 && delta.micros() == 0) {
            return Uni.createFrom().voidItem();
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode()
                .put("totalCount", Math.max(0, batch.path("totalCount").asLong(0) + delta.count()));
        String batchCurrency = currencyOf(batch);
        String currency = batchCurrency != null ? batchCurrency : rowCurrency;
        if (currency != null) {
            // A batch without a currency yet has nothing staged in one: its amount starts from zero.
            Long before = batchCurrency == null ? null : Money.storedMicros(batch.path("totalAmount"));
            patch.putObject("totalAmount").put("amountMicros", (before == null ? 0 : before) + delta.micros())
                    .put("currencyCode", currency);
        }
        return twenty.update(caller, FundraisingSchema.GIFT_BATCH.plural(), batch.path("id").asText(), patch).replaceWithVoid();
    }

    private static String lockName(String batchId) {
        return "giftBatch:" + batchId;
    }
}
