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
import org.fundraising.platform.store.OperationalStore;
import org.fundraising.staging.BatchLedger;
import org.fundraising.staging.StagingIntake;
import org.fundraising.staging.StagingRecords;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyException;
import org.fundraising.twenty.TwentyQuery;
import org.fundraising.twenty.schema.FundraisingSchema;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CSV file into a gift batch's staging rows, as a run. The file is read twice, row by row, never held as rows:
 * first, before the run is started, to check every row by the rules of {@code POST /gifts} (bad rows are reported,
 * not written; a file that cannot be imported at all is a 4xx), then, in the run, to write the good ones through
 * {@code /batch/giftStagings} in chunks of up to 60 on the batch lane. Reading and checking happen on worker
 * threads. Each row's id is derived from the batch, the file's hash and the row number, so uploading the same file
 * again stages nothing twice (those rows count as duplicates), and a run taken over by another instance (the file
 * is kept in the operational store while the run is active) goes on where the first stopped. The batch's totals
 * grow by what was staged.
 */
@ApplicationScoped
public class CsvImport {

    /** Rows one file may have; more is refused before anything is written. */
    static final int MAX_ROWS = 20_000;
    private static final int CHUNK = 60;
    /** How long a file waits in the store for its run to be taken over, at most. */
    private static final Duration FILE_KEPT_FOR = Duration.ofDays(7);

    private final TwentyClient twenty;
    private final StagingIntake staging;
    private final OperationalStore store;
    private final BatchLedger ledger;
    private final FundraisingConfig config;
    private final ChunkPatience patience;

    CsvImport(TwentyClient twenty, StagingIntake staging, OperationalStore store, FundraisingConfig config, BatchLedger ledger,
              ChunkPatience patience) {
        this.patience = patience;
        this.twenty = twenty;
        this.staging = staging;
        this.store = store;
        this.config = config;
        this.ledger = ledger;
    }

    /** A file checked against its batch, ready to be staged by an import run. */
    final class Prepared implements RunInput {
        private final ObjectNode batch;
        private final byte[] body;
        private final RunJob.ImportFile file;
        private final Checked checked;

        private Prepared(ObjectNode batch, byte[] body, RunJob.ImportFile file, Checked checked) {
            this.batch = batch;
            this.body = body;
            this.file = file;
            this.checked = checked;
        }

        @Override
        public RunJob.ImportFile importFile() {
            return file;
        }

        @Override
        public void announce(RunProgress progress) {
            progress.importChecked(checked.goodRows(), checked.rejected(), checked.ignored());
        }

        @Override
        public Uni<Void> keep() {
            // Encoding megabytes is work for a worker thread, as reading them was.
            return onWorker(() -> Base64.getEncoder().encodeToString(body)).chain(text -> store.put(file.key(), text, FILE_KEPT_FOR));
        }
    }

    /**
     * The file checked against the batch (one read of it): 404 without the batch, 400 for a header that cannot be
     * read, 413 for too many rows; bad rows are the run's to report.
     */
    public Uni<Prepared> prepare(TwentyCaller caller, String batchId, byte[] body, Map<String, String> mapping) {
        Ids.requireUuid("batchId", batchId);
        LocalDate today = LocalDate.now(config.timezone());
        // The header is checked before any call is made, on a worker thread like the rows (a header can be megabytes).
        return onWorker(() -> new CsvRows(body, mapping))
                .chain(header -> BatchReads.batch(twenty, caller, batchId))
                .chain(batch -> onWorker(() -> check(body, mapping, batchId, BatchLedger.currencyOf(batch), CsvGifts.Defaults.of(batch), today))
                        .map(checked -> {
                            String hash = sha256(body);
                            RunJob.ImportFile file = new RunJob.ImportFile("batch-import-file:" + batchId + ":" + hash, hash,
                                    Map.copyOf(mapping), checked.currency(), today.toString());
                            return new Prepared(batch, body, file, checked);
                        }));
    }

    /** An import run taken over: its file from the store, its batch read again, the file checked again as it was. */
    Uni<Prepared> reopen(TwentyCaller caller, RunJob job) {
        RunJob.ImportFile file = job.file();
        return store.get(file.key()).chain(kept -> {
            if (kept.isEmpty()) {
                return Uni.createFrom().failure(new ApiException(410, "The file of this import is no longer kept; upload it "
                        + "again: rows already staged are recognised and not staged twice"));
            }
            return BatchReads.batch(twenty, caller, job.batchId()).chain(batch -> onWorker(() -> {
                byte[] body = Base64.getDecoder().decode(kept.get());
                return new Prepared(batch, body, file, check(body, file.mapping(), job.batchId(), file.currency(),
                        CsvGifts.Defaults.of(batch), LocalDate.parse(file.today())));
            }));
        });
    }

    /** Lets go of a file whose run has ended. */
    Uni<Void> forget(RunJob.ImportFile file) {
        return store.delete(file.key());
    }

    /**
     * Stages the file's good rows, a chunk at a time (each chunk's row count is emitted once it is written); then the
     * batch's totals grow by what was staged, also when the run stopped part way. A run taken over counts them again
     * from the batch's rows instead: what the stopped instance staged last cannot be told from an earlier upload.
     */
    Multi<Integer> run(TwentyCaller caller, RunProgress progress, Prepared prepared) {
        String batchId = prepared.batch.path("id").asText();
        RunJob.ImportFile file = prepared.file;
        LocalDate today = LocalDate.parse(file.today());
        CsvGifts.Defaults defaults = CsvGifts.Defaults.of(prepared.batch);
        AtomicInteger staged = new AtomicInteger();
        AtomicLong micros = new AtomicLong();
        boolean takenOver = progress.takenOver();
        // A run taken over skips the good rows its snapshot says were written; one chunk written but not yet saved
        // there is found already staged and counted as duplicates.
        int written = progress.attempted();
        return appealFunds(caller, prepared.checked.appealsWithoutFund()).onItem().transformToMulti(funds -> {
                    Iterable<Staged> rows = () -> {
                        Iterator<Staged> good = stagingRows(new CsvRows(prepared.body, file.mapping()), batchId,
                                file.currency(), defaults, funds, today, file.sha256(), prepared.checked.repeats());
                        for (int skipped = 0; skipped < written && good.hasNext(); skipped++) {
                            good.next();
                        }
                        return good;
                    };
                    return Multi.createFrom().iterable(rows);
                })
                .group().intoLists().of(CHUNK)
                // A chunk met by a Twenty outage waits for Twenty (the rows carry derived ids, so writing again is safe).
                .onItem().transformToUniAndConcatenate(chunk -> patience.<Void>retried(caller,
                        () -> write(caller, chunk, progress, staged, micros)).replaceWith(chunk.size()))
                .onFailure().transform(failure -> new IllegalStateException("The import stopped after staging " + staged.get()
                        + " rows (" + failure.getMessage() + "); upload the same file again to finish: rows already staged "
                        + "are recognised and not staged twice", failure))
                .onTermination().call((failure, cancelled) -> cancelled ? Uni.createFrom().voidItem()
                        : (takenOver ? ledger.recount(caller, batchId)
                        : ledger.grow(caller, batchId, file.currency(), staged.get(), micros.get()))
                        .invoke(() -> LogEvent.of(CsvImport.class, "gift_batch_import").with("requestId", caller.requestId())
                                .with("batchId", batchId).with("imported", staged.get())
                                .with("rejected", prepared.checked.rejected().size()).info("CSV imported into a gift batch")));
    }

    /**
     * Writes a chunk. Twenty takes a batch whole or not at all, so a chunk it refuses (a row pointing at an appeal
     * that does not exist) is halved until the row at fault is alone; that row is reported with Twenty's reason and
     * the others are staged.
     */
    private Uni<Void> write(TwentyCaller caller, List<Staged> chunk, RunProgress progress, AtomicInteger staged, AtomicLong micros) {
        return twenty.createMissing(caller, StagingRecords.OBJECT, chunk.stream().map(Staged::row).toList())
                .invoke(created -> {
                    staged.addAndGet(created.created().size());
                    created.created().forEach(row -> micros.addAndGet(Money.storedMicros(row.path("amount"))));
                    progress.imported(created.created().size(), created.alreadyThere());
                })
                .replaceWithVoid()
                .onFailure(failure -> failure instanceof TwentyException twentyFailure
                        && twentyFailure.kind() == TwentyException.Kind.REJECTED)
                .recoverWithUni(failure -> {
                    if (chunk.size() == 1) {
                        progress.importRefused(new ImportAnswer.Rejection(chunk.get(0).number(),
                                CsvGifts.columnNamedIn(failure.getMessage()), "Twenty refused the row: " + failure.getMessage()), true);
                        return Uni.createFrom().voidItem();
                    }
                    return write(caller, chunk.subList(0, chunk.size() / 2), progress, staged, micros)
                            .chain(() -> write(caller, chunk.subList(chunk.size() / 2, chunk.size()), progress, staged, micros));
                });
    }

    private static <T> Uni<T> onWorker(java.util.function.Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** A good row of the file as a staging row, with its number in the file. */
    private record Staged(int number, ObjectNode row) {
    }

    /**
     * The first pass: every row's problems, the currency the rows are in, the size limit, and the rows that repeat
     * an earlier row's donor, date and amount (row number → the earlier row's).
     */
    private record Checked(int goodRows, List<ImportAnswer.Rejection> rejected, List<String> ignored, String currency,
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
        return new Checked(count - rejected.size(), rejected, rows.ignoredHeaders(), currency, appealsWithoutFund, repeats);
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

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
