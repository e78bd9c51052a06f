/** The Admin API v3.0 base URL since 2024: every client's and middleware's default. */
export const DEFAULT_BASE_URL = "https://services.cloud.mongodb.com/api/admin/v3.0";
