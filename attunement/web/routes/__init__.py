"""One module of routes per screen."""
