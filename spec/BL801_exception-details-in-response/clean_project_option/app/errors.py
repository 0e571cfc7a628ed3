class UserFacingError(Exception):
    """Raised with a message written for the user."""
