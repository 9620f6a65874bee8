package io.multicloud.driver.azure;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.spi.Driver;
import io.multicloud.spi.DriverConnection;
import java.util.Set;

/**
 * The Azure driver ({@code azure}). This class loads no Azure SDK class: the SDK is touched only
 * when a connection makes its first call.
 *
 * <p>Connection settings: the region (an Azure location such as {@code eastus}) and optionally a
 * zone ({@code 1}, {@code 2} or {@code 3} where the region has zones). Properties:
 * {@code subscription} (else {@code AZURE_SUBSCRIPTION_ID}, else the only subscription the
 * credential sees), {@code resource_group} (an existing group to work in; without it the driver
 * works in {@code multicloud-<region>}, made on first use and tagged {@code multicloud:managed=true}),
 * {@code endpoint} (the Resource Manager endpoint, for sovereign clouds and fakes; plain
 * {@code http} only on the loopback address), {@code prices_endpoint} (the Retail Prices API),
 * {@code max_retries} and {@code retry_delay_ms} (the SDK's HTTP retries), {@code poll_interval_ms}
 * (long-running operations, when Azure sends no {@code Retry-After}), {@code operation_timeout_s},
 * {@code http_log} ({@code NONE}, {@code BASIC}, {@code HEADERS}: the SDK's wire log, which redacts
 * the Authorization header). Credentials: {@code tenant_id} + {@code client_id} +
 * {@code client_secret} (or {@code client_certificate_path}) for a service principal,
 * {@code access_token} for a ready bearer token; without them azure-identity's
 * {@code DefaultAzureCredential} chain (environment, workload identity, managed identity, Azure CLI, ...).
 */
public final class AzureDriver implements Driver {
    /** Property: the subscription id. */
    public static final String SUBSCRIPTION = "subscription";
    /** Property: an existing resource group to work in. */
    public static final String RESOURCE_GROUP = "resource_group";
    /** Property: the Resource Manager endpoint. */
    public static final String ENDPOINT = "endpoint";
    /** Property: the Retail Prices API endpoint. */
    public static final String PRICES_ENDPOINT = "prices_endpoint";
    /** Property: how many times the SDK retries a throttled or failed HTTP call (default 3). */
    public static final String MAX_RETRIES = "max_retries";
    /** Property: the first retry delay in milliseconds (default 800, doubling). */
    public static final String RETRY_DELAY_MS = "retry_delay_ms";
    /** Property: the polling interval of long-running operations in milliseconds (default 2000). */
    public static final String POLL_INTERVAL_MS = "poll_interval_ms";
    /** Property: how long a long-running operation the driver waits for may take, in seconds (default 900). */
    public static final String OPERATION_TIMEOUT_S = "operation_timeout_s";
    /** Property: the SDK's HTTP log level. */
    public static final String HTTP_LOG = "http_log";
    /** Credential key: the tenant of a service principal. */
    public static final String TENANT_ID = "tenant_id";
    /** Credential key: the client (application) id of a service principal. */
    public static final String CLIENT_ID = "client_id";
    /** Credential key: the client secret of a service principal. */
    public static final String CLIENT_SECRET = "client_secret";
    /** Credential key: a PEM file holding the certificate and private key of a service principal. */
    public static final String CLIENT_CERTIFICATE_PATH = "client_certificate_path";
    /** Credential key: a bearer token for Resource Manager, used as it is. */
    public static final String ACCESS_TOKEN = "access_token";

    /** Azure's public regions, as strings so that no SDK class is loaded to know them. */
    static final Set<String> REGIONS = Set.of(
            "eastus", "eastus2", "centralus", "northcentralus", "southcentralus", "westcentralus", "westus", "westus2",
            "westus3", "canadacentral", "canadaeast", "brazilsouth", "brazilsoutheast", "mexicocentral",
            "northeurope", "westeurope", "uksouth", "ukwest", "francecentral", "francesouth", "germanywestcentral",
            "germanynorth", "switzerlandnorth", "switzerlandwest", "norwayeast", "norwaywest", "swedencentral",
            "polandcentral", "italynorth", "spaincentral", "austriaeast", "belgiumcentral", "denmarkeast",
            "eastasia", "southeastasia", "japaneast", "japanwest", "koreacentral", "koreasouth", "centralindia",
            "southindia", "westindia", "jioindiawest", "jioindiacentral", "australiaeast", "australiasoutheast",
            "australiacentral", "australiacentral2", "newzealandnorth", "indonesiacentral", "malaysiawest",
            "uaenorth", "uaecentral", "qatarcentral", "israelcentral", "southafricanorth", "southafricawest",
            "chilecentral");

    @Override
    public Set<String> credentialKeys() {
        return Set.of(TENANT_ID, CLIENT_ID, CLIENT_SECRET, CLIENT_CERTIFICATE_PATH, ACCESS_TOKEN);
    }

    @Override
    public Set<String> propertyKeys() {
        return Set.of(SUBSCRIPTION, RESOURCE_GROUP, ENDPOINT, PRICES_ENDPOINT, MAX_RETRIES, RETRY_DELAY_MS, POLL_INTERVAL_MS, OPERATION_TIMEOUT_S, HTTP_LOG, AzureClusters.SYSTEM_SIZE);
    }

    @Override
    public String name() {
        return "azure";
    }

    @Override
    public Set<String> knownRegions() {
        return REGIONS;
    }

    @Override
    public DriverConnection connect(ConnectionConfig config) {
        return new AzureConnection(config);
    }
}
