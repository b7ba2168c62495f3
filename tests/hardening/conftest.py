"""The hardening suite drives real ``asyncos-emulator`` processes, like the end-to-end tests."""
from ..e2e.conftest import appliance_server, appliance_server_module  # noqa: F401
