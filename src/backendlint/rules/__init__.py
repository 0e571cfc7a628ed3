"""One module per practice. Every Rule subclass defined here is found automatically."""
