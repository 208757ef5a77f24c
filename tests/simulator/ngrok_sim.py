#!/usr/bin/env python
"""Run the local ngrok API simulator.

    python3 tests/simulator/ngrok_sim.py --host 127.0.0.1 --port 0 --api-key KEY \
        [--rate-limit N --rate-window SECONDS] [--state-file PATH] [--log-level LEVEL]
        [--certificate-issue-seconds N] [--tls-cert FILE --tls-key FILE]

The first line on stdout is ``listening on http://HOST:PORT`` (``https://`` with ``--tls-cert``).  SIGTERM and
SIGINT stop the server cleanly (state saved, exit code 0).
"""

import argparse
import logging
import os
import signal
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ngrok_simulator.server import Simulator, SimulatorServer, serve_in_thread, tls_context  # noqa: E402  pylint: disable=wrong-import-position


def parse_args(argv):
    """Command line options."""
    parser = argparse.ArgumentParser(description="Local simulator of the ngrok REST API (v2).")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=0, help="port to listen on; 0 picks a free port")
    parser.add_argument("--api-key", required=True, help="bearer key that is always accepted")
    parser.add_argument("--rate-limit", type=int, default=120, help="requests allowed per window (0 disables)")
    parser.add_argument("--rate-window", type=float, default=60.0, help="rate limit window in seconds")
    parser.add_argument("--state-file", default=None, help="JSON file the state is loaded from and saved to")
    parser.add_argument("--log-level", default="WARNING", help="stderr log level (DEBUG, INFO, WARNING, ...)")
    parser.add_argument("--certificate-issue-seconds", type=float, default=None, metavar="N",
                        help="issue managed certificates N seconds after provisioning starts (default: only when "
                             "POST /_sim/reserved_domains/{id}/issue_certificate asks)")
    parser.add_argument("--abuse-report-decision-seconds", type=float, default=None, metavar="N",
                        help="ban every host name of an abuse report N seconds after it is filed (default: only when "
                             "POST /_sim/abuse_reports/{id}/process asks)")
    parser.add_argument("--tls-cert", default=None, metavar="FILE",
                        help="serve HTTPS with this PEM certificate (or chain) file; needs --tls-key")
    parser.add_argument("--tls-key", default=None, metavar="FILE", help="the PEM private key of --tls-cert")
    args = parser.parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    if args.certificate_issue_seconds is not None and args.certificate_issue_seconds < 0:
        parser.error("--certificate-issue-seconds must not be negative")
    if args.abuse_report_decision_seconds is not None and args.abuse_report_decision_seconds < 0:
        parser.error("--abuse-report-decision-seconds must not be negative")
    return args


def main(argv=None):
    """Entry point."""
    args = parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=getattr(logging, args.log_level.upper(), logging.WARNING),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    scheme = "https" if args.tls_cert else "http"
    context = tls_context(args.tls_cert, args.tls_key) if args.tls_cert else None
    simulator = Simulator(args.api_key, args.rate_limit, args.rate_window, args.state_file, args.certificate_issue_seconds,
                          scheme=scheme, abuse_report_decision_seconds=args.abuse_report_decision_seconds)
    server = SimulatorServer((args.host, args.port), simulator, ssl_context=context)
    host, port = server.server_address[:2]
    stop = threading.Event()

    def on_signal(signum, frame):  # pylint: disable=unused-argument
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    thread = serve_in_thread(server)
    sys.stdout.write("listening on %s://%s:%d\n" % (scheme, host, port))
    sys.stdout.flush()
    while not stop.wait(0.1):
        pass
    server.shutdown()
    thread.join(5)
    server.server_close()
    simulator.save()
    logging.getLogger("ngrok_sim").info("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
