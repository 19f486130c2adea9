package org.fundraising.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.gift.GiftRecords;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.Ids;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.Money;
import org.fundraising.platform.store.Leases;
import org.fundraising.platform.store.Renewal;
import org.fundraising.staging.BatchLedger;
import org.fundraising.staging.StagingIntake;
import org.fundraising.staging.StagingRecords;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyException;
import org.fundraising.twenty.TwentyQuery;
import org.fundraising.twenty.schema.FundraisingSchema;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A CSV file into a gift batch's staging rows. The file is read twice, row by row, never held as rows: first to
 * check every row by the rules of {@code POST /gifts} (bad rows are reported, not written), then to write the good
 * ones through {@code /batch/giftStagings} in chunks of up to 60 on the batch lane. Each row's id is derived from
 * the batch, the file's hash and the row number, so uploading the same file again stages nothing twice (those
 * rows count as duplicates) and finishes an upload that was cut off. The batch's totals grow by what was staged.
 */
@ApplicationScoped
public class CsvImport {

    /** Rows one file may have; more is refused before anything is written. */
    static final int MAX_ROWS = 20_000;
    /**
     * One import holds its batch (others into the same batch answer 409) by a lease renewed while it runs: if the
     * instance dies mid-file, the batch is free again within this time and the same file can be sent again.
     */
    private static final Duration IMPORT_LEASE = Duration.ofSeconds(30);
    private static final int CHUNK = 60;

    private final TwentyClient twenty;
    private final StagingIntake staging;
    private final Leases leases;
    private final BatchLedger ledger;
    private final FundraisingConfig config;

    CsvImport(TwentyClient twenty, StagingIntake staging, Leases leases, FundraisingConfig config, BatchLedger ledger) {
        this.ledger = ledger;
        this.twenty = twenty;
        this.staging = staging;
        this.leases = leases;
        this.config = config;
    }

    /** What the write pass has done so far; kept so that a cut-off import still records its totals. */
    private static final class Progress {
        int imported;
        int duplicates;
        long micros;
    }

    public Uni<ImportAnswer> importInto(TwentyCaller caller, String batchId, byte[] body, Map<String, String> mapping) {
        Ids.requireUuid("batchId", batchId);
        String lease = "batch-import:" + batchId;
        String holder = UUID.randomUUID().toString();
        // The header is checked before any call is made, on a worker thread like the rows (a header can be megabytes).
        // The batch is read once the lease is held, so its totals are those the import before this one wrote.
        return Uni.createFrom().item(() -> new CsvRows(body, mapping)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(header -> leases.acquire(lease, holder, IMPORT_LEASE))
                .chain(taken -> taken ? held(caller, batchId, body, mapping, lease, holder)
                        : Uni.createFrom().failure(new ApiException(409, "Another CSV import into gift batch " + batchId
                        + " is running; try again when it has finished")));
    }

    /** The import, while its lease on the batch is renewed; a lease lost stops it before its next write. */
    private Uni<ImportAnswer> held(TwentyCaller caller, String batchId, byte[] body, Map<String, String> mapping,
                                   String lease, String holder) {
        Renewal.Held held = leases.keepRenewed(lease, holder, IMPORT_LEASE);
        return held.whileHeld(BatchReads.batch(twenty, caller, batchId).chain(batch -> run(caller, batch, body, mapping)),
                        () -> new ApiException(503, "The import lost its hold on gift batch " + batchId + " (the "
                                + "operational store did not answer); upload the same file again: rows already "
                                + "staged are recognised", List.of(), Duration.ofSeconds(5)))
                .onTermination().invoke(held::release)
                .onTermination().call(() -> leases.release(lease, holder));
    }

    private Uni<ImportAnswer> run(TwentyCaller caller, ObjectNode batch, byte[] body, Map<String, String> mapping) {
        String batchId = batch.path("id").asText();
        LocalDate today = LocalDate.now(config.timezone());
        CsvGifts.Defaults defaults = CsvGifts.Defaults.of(batch);
        // Reading and checking up to 20,000 rows takes seconds: on a worker thread, never on an event loop.
        return Uni.createFrom().item(() -> check(body, mapping, batchId, BatchLedger.currencyOf(batch), defaults, today))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(checked -> staged(caller, batch, body, mapping, defaults, today, checked));
    }

    private Uni<ImportAnswer> staged(TwentyCaller caller, ObjectNode batch, byte[] body, Map<String, String> mapping,
                                     CsvGifts.Defaults defaults, LocalDate today, Checked checked) {
        String batchId = batch.path("id").asText();
        String fileHash = sha256(body);
        Progress progress = new Progress();
        return appealFunds(caller, checked.appealsWithoutFund()).onItem().transformToMulti(funds -> {
                    Iterable<Staged> rows = () -> stagingRows(new CsvRows(body, mapping), batchId, checked.currency(), defaults,
                            funds, today, fileHash, checked.repeats());
                    return Multi.createFrom().iterable(rows);
                })
                .group().intoLists().of(CHUNK)
                .onItem().transformToUniAndConcatenate(chunk -> write(caller, chunk, progress, checked.rejected()))
                .collect().last()
                // The batch's count and amount grow by the rows staged now, also when the import was cut off part way.
                .onItemOrFailure().call((last, failure) -> ledger.grow(caller, batchId, checked.currency(), progress.imported, progress.micros))
                .onFailure().transform(failure -> cutOff(failure, progress))
                .map(done -> {
                    LogEvent.of(CsvImport.class, "gift_batch_import").with("requestId", caller.requestId()).with("batchId", batchId)
                            .with("imported", progress.imported).with("duplicates", progress.duplicates)
                            .with("rejected", checked.rejected().size()).info("CSV imported into a gift batch");
                    List<ImportAnswer.Rejection> rejected = checked.rejected().stream()
                            .sorted(Comparator.comparingInt(ImportAnswer.Rejection::row)).toList();
                    return new ImportAnswer(batchId, progress.imported, progress.duplicates, rejected, checked.ignored());
                });
    }

    /** A good row of the file as a staging row, with its number in the file. */
    private record Staged(int number, ObjectNode row) {
    }

    /**
     * Writes a chunk. Twenty takes a batch whole or not at all, so a chunk it refuses (a row pointing at an appeal
     * that does not exist) is halved until the row at fault is alone; that row is reported with Twenty's reason and
     * the others are staged.
     */
    private Uni<Void> write(TwentyCaller caller, List<Staged> chunk, Progress progress, List<ImportAnswer.Rejection> rejected) {
        return twenty.createMissing(caller, StagingRecords.OBJECT, chunk.stream().map(Staged::row).toList())
                .invoke(created -> {
                    progress.imported += created.created().size();
                    progress.duplicates += created.alreadyThere();
                    created.created().forEach(row -> progress.micros += Money.storedMicros(row.path("amount")));
                })
                .replaceWithVoid()
                .onFailure(failure -> failure instanceof TwentyException twentyFailure
                        && twentyFailure.kind() == TwentyException.Kind.REJECTED)
                .recoverWithUni(failure -> {
                    if (chunk.size() == 1) {
                        rejected.add(new ImportAnswer.Rejection(chunk.get(0).number(), CsvGifts.columnNamedIn(failure.getMessage()),
                                "Twenty refused the row: " + failure.getMessage()));
                        return Uni.createFrom().voidItem();
                    }
                    return write(caller, chunk.subList(0, chunk.size() / 2), progress, rejected)
                            .chain(() -> write(caller, chunk.subList(chunk.size() / 2, chunk.size()), progress, rejected));
                });
    }

    /**
     * The first pass: every row's problems, the currency the rows are in, the size limit, and the rows that repeat
     * an earlier row's donor, date and amount (row number → the earlier row's).
     */
    private record Checked(List<ImportAnswer.Rejection> rejected, List<String> ignored, String currency,
                           Set<String> appealsWithoutFund, Map<Integer, Integer> repeats) {
    }

    /**
     * The default fund of each appeal that rows name without a fund (and with no batch default fund to fill it):
     * one read per 60 appeals, none when every row has its fund.
     */
    private Uni<Map<String, String>> appealFunds(TwentyCaller caller, Set<String> appealIds) {
        if (appealIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return twenty.listAll(caller, FundraisingSchema.APPEAL.plural(), TwentyQuery.all().withFilter(Filters.in("id", appealIds)))
                .collect().asMap(appeal -> appeal.path("id").asText(), appeal -> appeal.path("defaultFundId").asText(""))
                .map(funds -> {
                    funds.values().removeIf(String::isBlank);
                    return funds;
                });
    }

    private static Checked check(byte[] body, Map<String, String> mapping, String batchId, String batchCurrency,
                                 CsvGifts.Defaults defaults, LocalDate today) {
        CsvRows rows = new CsvRows(body, mapping);
        List<ImportAnswer.Rejection> rejected = new ArrayList<>();
        Set<String> appealsWithoutFund = new TreeSet<>();
        String currency = batchCurrency;
        Map<String, Integer> firstRowOf = new HashMap<>();
        Map<Integer, Integer> repeats = new HashMap<>();
        int count = 0;
        while (rows.hasNext()) {
            if (++count > MAX_ROWS) {
                throw new ApiException(413, "A CSV import takes at most " + MAX_ROWS + " rows; split the file");
            }
            CsvRows.Row row = rows.next();
            CsvGifts.Read read = CsvGifts.read(row, batchId, currency, defaults, today);
            if (read.rejection() != null) {
                rejected.add(read.rejection());
                continue;
            }
            ObjectNode columns = read.draft().columns();
            if (!GiftRecords.isAnonymous(columns)) {
                // Anonymous gifts of one amount on one day are common (a collection), and not duplicates.
                Integer first = firstRowOf.putIfAbsent(DuplicateGifts.key(columns), row.number());
                if (first != null) {
                    repeats.put(row.number(), first);
                }
            }
            if (columns.hasNonNull("appealId") && !columns.hasNonNull("fundId")) {
                appealsWithoutFund.add(columns.get("appealId").asText());
            }
            if (currency == null) {
                currency = read.draft().columns().path("amount").path("currencyCode").asText();
            }
        }
        return new Checked(rejected, rows.ignoredHeaders(), currency, appealsWithoutFund, repeats);
    }

    /** The second pass: the good rows as staging rows, made one at a time as the writer asks for them. */
    private Iterator<Staged> stagingRows(CsvRows rows, String batchId, String currency, CsvGifts.Defaults defaults,
                                         Map<String, String> appealFunds, LocalDate today, String fileHash,
                                         Map<Integer, Integer> repeats) {
        return new Iterator<>() {
            private Staged next = advance();

            private Staged advance() {
                while (rows.hasNext()) {
                    CsvRows.Row row = rows.next();
                    CsvGifts.Read read = CsvGifts.read(row, batchId, currency, defaults, today);
                    if (read.draft() != null) {
                        String id = Ids.derived("gift-batch-import:" + batchId + ":" + fileHash + ":" + row.number());
                        ObjectNode columns = read.draft().columns();
                        if (!columns.hasNonNull("fundId") && appealFunds.containsKey(columns.path("appealId").asText())) {
                            columns.put("fundId", appealFunds.get(columns.path("appealId").asText()));
                        }
                        ObjectNode staged = staging.importedRow(id, read.draft());
                        Integer repeated = repeats.get(row.number());
                        if (repeated != null) {
                            DuplicateGifts.flag(staged, (ObjectNode) staged.get("processingDiagnostics"), DuplicateGifts.sameAsRow(repeated));
                        }
                        return new Staged(row.number(), staged);
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Staged next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Staged current = next;
                next = advance();
                return current;
            }
        };
    }

    private static Throwable cutOff(Throwable failure, Progress progress) {
        if (progress.imported + progress.duplicates == 0 || !(failure instanceof ApiException api)) {
            return failure;
        }
        return new ApiException(api.status(), "The import stopped after staging " + (progress.imported + progress.duplicates)
                + " rows (" + api.getMessage() + "); upload the same file again to finish: rows already staged are "
                + "recognised and not staged twice", api.details(), api.retryAfter());
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
