"""The endpoint model: what serves requests in a project, framework by framework, for every practice that judges endpoints (rate limiting, access control)."""
