package org.fundraising.twenty.emulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One injected fault, posted to {@code /twenty-emulator/_faults}. {@code path} is a regular expression matched
 * against the REST path (e.g. {@code /rest/batch/gifts}); {@code method} narrows it; {@code times} applies it to
 * the next N matching calls (unset: every call), {@code skip} lets the first N matching calls through first,
 * {@code share} applies it to a random share of them, {@code bodyContains} to requests whose body holds that text
 * (a batch carrying one marked record).
 * Modes: {@code error} (status 500/502/503/504), {@code rate_limit} (429, with {@code retryAfterSeconds} or without),
 * {@code delay} ({@code delayMs}, then served), {@code reset} (connection closed), {@code timeout} (no answer),
 * {@code store_then_timeout} (the write happens, the answer never comes), {@code short_answer} (the write happens,
 * the answer's list lacks its last record).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class EmulatorFault {

    public String path = ".*";
    public String method;
    public String mode = "error";
    public Integer status;
    public Double share;
    public Integer times;
    public Integer skip;
    public String bodyContains;
    public Long retryAfterSeconds;
    public Long delayMs;

    private transient Pattern compiled;
    private final transient AtomicInteger used = new AtomicInteger();
    private final transient AtomicInteger passed = new AtomicInteger();

    boolean matches(String requestMethod, String requestPath, String body) {
        if (compiled == null) {
            compiled = Pattern.compile(path);
        }
        if (method != null && !method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        if (!compiled.matcher(requestPath).matches()) {
            return false;
        }
        if (bodyContains != null && (body == null || !body.contains(bodyContains))) {
            return false;
        }
        if (skip != null && passed.incrementAndGet() <= skip) {
            return false;
        }
        if (share != null && ThreadLocalRandom.current().nextDouble() >= share) {
            return false;
        }
        return times == null || used.incrementAndGet() <= times;
    }

    String mode() {
        return mode.toLowerCase(Locale.ROOT);
    }

    void validate() {
        Pattern.compile(path);
        switch (mode()) {
            case "error", "rate_limit", "delay", "reset", "timeout", "store_then_timeout", "short_answer" -> {
            }
            default -> throw EmulatorError.badRequest("unknown fault mode " + mode);
        }
        if ("error".equals(mode()) && status != null && (status < 400 || status > 599)) {
            throw EmulatorError.badRequest("error faults need a 4xx or 5xx status");
        }
    }
}
