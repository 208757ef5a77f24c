"""Rendezvous of playbook runs: `meet.py DIR NAME RUNS` returns once RUNS runs have called it as often as this one.

Each run counts its calls in DIR/NAME; a call waits until every other run's count has caught up with it, so runs
started together stay in step from one task to the next.
"""

import os
import sys
import time


def count(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return int(handle.read() or 0)
    except (OSError, ValueError):
        return 0


def main(directory, name, runs):
    mine = os.path.join(directory, name)
    step = count(mine) + 1
    with open(mine + ".tmp", "w", encoding="utf-8") as handle:
        handle.write(str(step))
    os.replace(mine + ".tmp", mine)
    deadline = time.time() + 120
    while time.time() < deadline:
        others = [f for f in os.listdir(directory) if f != name and not f.endswith(".tmp")]
        if len(others) >= runs - 1 and all(count(os.path.join(directory, f)) >= step for f in others):
            return 0
        time.sleep(0.01)
    return "the other runs did not reach step %d within 120 s" % step


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
