"""The FastAPI app: thin routes, server-rendered pages, the live view."""
