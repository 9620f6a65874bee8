/**
 * A small core for fakes of cloud HTTP APIs, shared by every cloud's fake (GCP's first; Azure,
 * Alibaba and Tencent next). A cloud's fake is test code that registers routes on a
 * {@link io.multicloud.testkit.fake.FakeServer} and keeps its state with the helpers here:
 * <ul>
 *   <li>{@link io.multicloud.testkit.fake.FakeServer}: an HTTP server on 127.0.0.1 (a free port)
 *       that routes each request by method and path template ({@code /v1/{project}/things/{name}},
 *       {@code {+parent}} for several segments), answers one request at a time under one lock (so a
 *       fake's state needs no locking of its own), and records every exchange;</li>
 *   <li>{@link io.multicloud.testkit.fake.FakeRequest} / {@link io.multicloud.testkit.fake.FakeResponse}:
 *       what a handler reads and answers (JSON through Jackson); a handler refuses by throwing
 *       {@link io.multicloud.testkit.fake.FakeError} with the cloud's own error body;</li>
 *   <li>{@link io.multicloud.testkit.fake.Store}: named resources in creation order, with ids;</li>
 *   <li>{@link io.multicloud.testkit.fake.FakeClock}: changes that happen later (an operation going
 *       PENDING, RUNNING, DONE; a VM booting), by time or by requests served, never by a thread
 *       sleeping;</li>
 *   <li>{@link io.multicloud.testkit.fake.Faults}: refusals on demand (throttling, quota, stockout,
 *       in the cloud's own body) and lost answers (the change applied, then a 5xx);</li>
 *   <li>{@link io.multicloud.testkit.fake.Pages}: lists cut into pages of 2–3 items with opaque tokens;</li>
 *   <li>{@link io.multicloud.testkit.fake.RequestLog}: every exchange, to count the calls a driver makes;</li>
 *   <li>{@link io.multicloud.testkit.fake.ResponseCheck}: the hook through which a cloud's fake checks
 *       every answer against the cloud's API description; a violation fails the test.</li>
 * </ul>
 */
package io.multicloud.testkit.fake;
