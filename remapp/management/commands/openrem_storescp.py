"""Run the built-in DICOM store node until stopped (Ctrl-C or SIGTERM from systemd)."""

import signal
import threading
from pathlib import Path

from django.core.management.base import CommandError

from remapp.management.base import DataCommand
from remapp.netdicom import config
from remapp.netdicom.server import StoreNodeServer


class Command(DataCommand):
    help = (
        "Listen for DICOM associations and import every object received. Defaults come from OPENREM_STORE_AET, "
        "OPENREM_STORE_PORT, OPENREM_STORE_BIND, OPENREM_STORE_ALLOWED_AETS and OPENREM_STORE_HOLDING."
    )

    def add_arguments(self, parser):
        try:
            port = config.default_port()
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        parser.add_argument("--aet", default=config.default_ae_title(), help="this node's AE title")
        parser.add_argument("--port", type=int, default=port, help="TCP port to listen on")
        parser.add_argument("--bind", default=config.default_bind_address(), help="address to listen on")
        parser.add_argument(
            "--allow-aet",
            action="append",
            dest="allowed_aets",
            metavar="AET",
            help="calling AE title allowed to send (repeat for more); none given: any AE title may send",
        )
        parser.add_argument("--holding", type=Path, default=None, help="holding folder for received objects")

    def handle(self, *args, aet, port, bind, allowed_aets, holding, **options):
        allowed = tuple(allowed_aets) if allowed_aets else tuple(config.default_allowed_calling_aets())
        settings = {"holding_folder": holding} if holding else {}
        try:
            node_config = config.StoreNodeConfig(
                ae_title=aet, port=port, bind_address=bind, allowed_calling_aets=allowed, **settings
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        server = StoreNodeServer(node_config)
        try:
            server.start()
        except OSError as exc:
            raise CommandError(f"cannot listen on {bind}:{port}: {exc.strerror or exc}") from None
        allowed_text = ", ".join(allowed) if allowed else "any"
        self.stdout.write(
            f"Store node {aet} listening on {bind}:{server.port}; calling AE titles allowed: {allowed_text}; "
            f"holding folder {node_config.holding_folder}"
        )
        stop = threading.Event()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signal_number, lambda *_: stop.set())
        stop.wait()
        self.stdout.write("Stopping: letting open associations finish")
        server.stop()
        self.stdout.write("Store node stopped")
