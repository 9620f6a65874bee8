package io.multicloud.driver.gcp;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.spi.Driver;
import io.multicloud.spi.DriverConnection;
import java.util.Set;

/**
 * The GCP driver ({@code gcp}). This class loads no Google class: the client libraries are
 * touched only when a connection makes its first call.
 *
 * <p>Connection: the region ({@code us-central1}) and, optionally, the zone (default: the
 * region's first, {@code <region>-a} unless the cloud lists another first). Credentials: the key
 * {@value #SERVICE_ACCOUNT_JSON} (a service-account key file's content) or
 * {@value #SERVICE_ACCOUNT_FILE} (its path); without either, Application Default Credentials.
 * Properties: {@value #PROJECT} (default: the service account's project, else
 * {@code GOOGLE_CLOUD_PROJECT}); {@value #ENDPOINT} (Compute Engine's endpoint, for emulators and
 * fakes; {@value #CONTAINER_ENDPOINT}, {@value #TPU_ENDPOINT} and {@value #BILLING_ENDPOINT}
 * default to it when set); {@value #CREDENTIALS} {@code none} (no credentials at all, for a local
 * fake); {@value #POLL_MS} (the first pause between polls of an operation, default 500 ms) and
 * {@value #OPERATION_TIMEOUT_S} (how long an operation is awaited, default 600 s).
 */
public final class GcpDriver implements Driver {
    /** Credential key: the content of a service-account key file (JSON). */
    public static final String SERVICE_ACCOUNT_JSON = "service_account_json";
    /** Credential key: the path of a service-account key file. */
    public static final String SERVICE_ACCOUNT_FILE = "service_account_file";
    /** Property: the project id. */
    public static final String PROJECT = "project";
    /** Property: Compute Engine's endpoint (and the others' when they are not given). */
    public static final String ENDPOINT = "endpoint";
    /** Property: GKE's endpoint. */
    public static final String CONTAINER_ENDPOINT = "container_endpoint";
    /** Property: Cloud TPU's endpoint. */
    public static final String TPU_ENDPOINT = "tpu_endpoint";
    /** Property: the Cloud Billing Catalog's endpoint. */
    public static final String BILLING_ENDPOINT = "billing_endpoint";
    /** Property: {@code none} to call without credentials (a local fake). */
    public static final String CREDENTIALS = "credentials";
    /** Property: the first pause between polls of a long-running operation, in milliseconds. */
    public static final String POLL_MS = "poll_ms";
    /** Property: how long a long-running operation is awaited, in seconds. */
    public static final String OPERATION_TIMEOUT_S = "operation_timeout_s";

    /** The public regions, as strings so that no Google class is loaded to know them. */
    static final Set<String> REGIONS = Set.of(
            "africa-south1", "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3",
            "asia-south1", "asia-south2", "asia-southeast1", "asia-southeast2", "australia-southeast1",
            "australia-southeast2", "europe-central2", "europe-north1", "europe-north2", "europe-southwest1", "europe-west1",
            "europe-west10", "europe-west12", "europe-west2", "europe-west3", "europe-west4", "europe-west6",
            "europe-west8", "europe-west9", "me-central1", "me-central2", "me-west1", "northamerica-northeast1",
            "northamerica-northeast2", "northamerica-south1", "southamerica-east1", "southamerica-west1", "us-central1",
            "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west2", "us-west3", "us-west4");

    @Override
    public Set<String> credentialKeys() {
        return Set.of(SERVICE_ACCOUNT_JSON, SERVICE_ACCOUNT_FILE);
    }

    @Override
    public Set<String> propertyKeys() {
        return Set.of(PROJECT, ENDPOINT, CONTAINER_ENDPOINT, TPU_ENDPOINT, BILLING_ENDPOINT, CREDENTIALS, POLL_MS, OPERATION_TIMEOUT_S);
    }

    @Override
    public String name() {
        return "gcp";
    }

    @Override
    public Set<String> knownRegions() {
        return REGIONS;
    }

    @Override
    public DriverConnection connect(ConnectionConfig config) {
        return new GcpConnection(config);
    }
}
