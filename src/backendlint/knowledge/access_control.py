"""Names of the authentication and authorisation APIs the access-control practice reads.
Pure tables; facts from each library's documentation."""

# PyJWT and python-jose decoders, and their helpers that skip verification.
JWT_DECODERS = frozenset({"jwt.decode", "jwt.api_jwt.decode", "jwt.api_jwt.PyJWT().decode",
                          "jwt.PyJWT().decode", "jose.jwt.decode"})
JOSE_UNVERIFIED_CLAIMS = frozenset({"jose.jwt.get_unverified_claims",
                                    "jwt.api_jwt.decode_complete"})
JWT_VERIFY_OPTIONS = ("verify_signature", "verify_exp", "verify_aud")

# Python's `random` module: a Mersenne Twister whose output can be predicted from a few
# hundred values. `random.SystemRandom()` (os.urandom) is fine.
INSECURE_RANDOM = frozenset({
    "random.random", "random.randint", "random.randrange", "random.choice", "random.choices",
    "random.sample", "random.getrandbits", "random.shuffle", "random.uniform", "random.randbytes",
    "random.Random().random", "random.Random().randint", "random.Random().choice",
    "random.Random().choices", "random.Random().getrandbits", "random.Random().randrange",
    "random.Random().sample",
})

# Words that make a generated value a credential (in the target or function name).
CREDENTIAL_WORDS = frozenset({
    "token", "tokens", "password", "passwd", "otp", "totp", "hotp", "secret", "nonce", "salt",
    "pin", "apikey", "passcode", "passphrase", "csrf", "sessionid", "sid",
})
# A word pair that names a credential (`reset_code`, `api_key`, `session_id`).
CREDENTIAL_PAIRS = frozenset({
    ("reset", "code"), ("verification", "code"), ("verify", "code"), ("confirm", "code"),
    ("confirmation", "code"), ("activation", "code"), ("activation", "key"), ("api", "key"),
    ("access", "key"), ("secret", "key"), ("session", "id"), ("session", "key"),
    ("auth", "code"), ("login", "code"), ("one", "time"), ("magic", "link"), ("invite", "code"),
    ("recovery", "code"), ("backup", "code"), ("sms", "code"), ("email", "code"),
})
# Words after which a "token" is not a secret (`page_token`, `token_type`, `next_token`).
NOT_SECRET_WORDS = frozenset({
    "page", "next", "prev", "previous", "cursor", "continuation", "sync", "type", "kind", "name",
    "count", "length", "len", "limit", "usage", "expiry", "expires", "exp", "ttl", "lifetime",
    "format", "prefix", "header", "field", "fields", "scheme", "url", "uri", "path", "label",
    "endpoint", "algorithm", "alg", "id", "ids", "index", "pos", "position", "offset", "start",
    "end", "status", "state", "version", "max", "min", "total", "num", "number", "lexer",
    "parser", "tokenizer", "cache", "key_name", "display", "lock", "mutex", "semaphore",
    "public", "pub", "pubkey", "model", "class", "cls", "backend", "serializer", "storage",
})
# Roots of values that come from the service's own configuration: comparing two of them
# leaks nothing an attacker can time.
CONFIGURATION_ROOTS = frozenset({"settings", "config", "conf", "current_app", "app",
                                 "default_settings", "self", "cls", "os", "environ"})
# Words in either operand of a comparison that say its token is no secret (a lock owner's
# token, a pagination cursor, a public key).
NOT_SECRET_OPERAND_WORDS = frozenset({"lock", "mutex", "semaphore", "page", "cursor", "pub",
                                      "pubkey", "public"})
# Owners that make a compound `...key` word a secret (`adminkey`, `apikey`, `accesskey`).
SECRET_KEY_OWNERS = frozenset({"api", "admin", "access", "auth", "secret", "private", "priv",
                               "invoice", "master", "signing", "session", "client", "app"})

# Words that make a compared value a secret the comparison must not leak by timing.
# A plain `digest` is usually a content hash (a cache key, an ETag): only MACs are secrets.
COMPARED_SECRET_WORDS = frozenset({
    "token", "signature", "sig", "hmac", "mac", "apikey", "secret", "csrf", "otp", "nonce",
})

# Django REST framework.
DRF_ALLOW_ANY = frozenset({"rest_framework.permissions.AllowAny"})
DRF_WRITE_BASES = frozenset({
    "rest_framework.viewsets.ModelViewSet",
    "rest_framework.generics.CreateAPIView", "rest_framework.generics.ListCreateAPIView",
    "rest_framework.generics.UpdateAPIView", "rest_framework.generics.DestroyAPIView",
    "rest_framework.generics.RetrieveUpdateAPIView",
    "rest_framework.generics.RetrieveDestroyAPIView",
    "rest_framework.generics.RetrieveUpdateDestroyAPIView",
    "rest_framework.mixins.CreateModelMixin", "rest_framework.mixins.UpdateModelMixin",
    "rest_framework.mixins.DestroyModelMixin",
})
DRF_VIEW_BASES = frozenset({
    "rest_framework.views.APIView", "rest_framework.viewsets.ViewSet",
    "rest_framework.viewsets.GenericViewSet", "rest_framework.generics.GenericAPIView",
    "rest_framework.viewsets.ViewSetMixin", "rest_framework.viewsets.ReadOnlyModelViewSet",
    *DRF_WRITE_BASES,
})
# Handler methods that accept writes, on APIView and on viewsets.
DRF_WRITE_METHODS = frozenset({"post", "put", "patch", "delete", "create", "update",
                               "partial_update", "destroy"})
DRF_SESSION_AUTHENTICATION = "rest_framework.authentication.SessionAuthentication"
DRF_MODEL_SERIALIZERS = frozenset({"rest_framework.serializers.ModelSerializer",
                                   "rest_framework.serializers.HyperlinkedModelSerializer"})

# Django.
CSRF_EXEMPT = frozenset({"django.views.decorators.csrf.csrf_exempt"})
CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware"
SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"

# Endpoints whose purpose is to be reachable without a session or a permission: sign-in,
# sign-up, recovery, provider callbacks, probes, webhooks, docs (words of the view's name).
PUBLIC_PURPOSE_WORDS = frozenset({
    "login", "signin", "logon", "register", "registration", "signup", "join", "password",
    "reset", "forgot", "recover", "recovery", "activate", "activation", "verify", "verification",
    "confirm", "confirmation", "token", "refresh", "obtain", "oauth", "callback", "sso", "saml",
    "acs", "openid", "oidc", "health", "healthz", "healthcheck", "ready", "readiness", "live",
    "liveness", "ping", "status", "webhook", "webhooks", "hook", "hooks", "ipn", "notify",
    "notification", "docs", "schema", "openapi", "swagger", "redoc", "public", "anonymous",
    "contact", "subscribe", "unsubscribe", "invite", "invitation", "magic", "auth", "logout",
    "signout", "logoff",
})
# Words in a body that show a request is authenticated another way (a signed webhook).
SIGNATURE_CHECK_WORDS = ("signature", "hmac", "compare_digest", "verify", "X-Hub", "Stripe")

# Request data that has not been validated: attribute chains on a request object.
RAW_REQUEST_ATTRIBUTES = frozenset({"data", "POST", "GET", "json", "form", "args", "values",
                                    "query_params", "body"})
RAW_REQUEST_METHODS = frozenset({"get_json", "json", "form", "dict", "to_dict"})
