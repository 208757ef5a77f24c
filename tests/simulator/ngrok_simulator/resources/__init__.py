"""Resource modules.

Every module in this package that defines a ``RESOURCES`` list of
:class:`ngrok_simulator.resource.Resource` instances is loaded automatically,
in file name order.  Adding a resource therefore needs no change elsewhere.
"""

import importlib
import pkgutil


def load_resources():
    """Instances from the RESOURCES list of every module in this package."""
    found = []
    names = sorted(info.name for info in pkgutil.iter_modules(__path__))
    for name in names:
        module = importlib.import_module("%s.%s" % (__name__, name))
        found.extend(getattr(module, "RESOURCES", []))
    seen = set()
    for res in found:
        if res.name in seen:
            raise RuntimeError("resource %s is declared twice" % res.name)
        seen.add(res.name)
    return found
