"""The filters package re-exports its builders."""

from .conditions import by_owner, by_status, listing as owner_listing, owner_clause

__all__ = ["by_owner", "by_status", "owner_clause", "owner_listing"]
