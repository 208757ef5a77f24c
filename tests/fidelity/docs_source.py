"""Where ngrok's published documentation is read from, when it is at hand.

``NGROK_DOCS`` names a copy of the ``ngrok/ngrok-docs`` repository: a checkout (a directory with
``errors/``) or a bare git directory (read with ``git show HEAD:<path>``). Without it the suites
run on the tables committed beside this file (``data/``), which ``distill.py`` made from those
documents; with it they also check that the tables still say what the documents say.
"""

import os
import subprocess

ENV = "NGROK_DOCS"


class Docs:
    """Read files of one ngrok-docs copy."""

    def __init__(self, location):
        self.location = location
        self.bare = not os.path.isdir(os.path.join(location, "errors")) and os.path.isfile(os.path.join(location, "HEAD"))
        self._listing = None

    def __repr__(self):
        return "Docs(%r)" % self.location

    def _git(self, *args):
        return subprocess.run(["git", "--git-dir=" + self.location] + list(args), check=True, capture_output=True,
                              text=True).stdout

    def files(self):
        """Every file path of the copy."""
        if self._listing is None:
            if self.bare:
                self._listing = self._git("ls-tree", "-r", "--name-only", "HEAD").split("\n")
            else:
                found = []
                for root, dirs, names in os.walk(self.location):
                    dirs[:] = [d for d in dirs if d != ".git"]
                    for name in names:
                        found.append(os.path.relpath(os.path.join(root, name), self.location))
                self._listing = found
            self._listing = sorted(path for path in self._listing if path)
        return self._listing

    def read(self, path):
        """The text of ``path``, or None when the copy does not have it."""
        if self.bare:
            try:
                return self._git("show", "HEAD:" + path)
            except subprocess.CalledProcessError:
                return None
        full = os.path.join(self.location, path)
        if not os.path.isfile(full):
            return None
        with open(full, encoding="utf-8") as handle:
            return handle.read()

    def revision(self):
        """The commit the copy is at (None for a checkout without git)."""
        try:
            if self.bare:
                return self._git("rev-parse", "HEAD").strip()
            return subprocess.run(["git", "-C", self.location, "rev-parse", "HEAD"], check=True, capture_output=True,
                                  text=True).stdout.strip()
        except (subprocess.CalledProcessError, OSError):
            return None


def find():
    """The Docs named by ``NGROK_DOCS``, or None."""
    location = os.environ.get(ENV)
    if not location:
        return None
    if not os.path.isdir(location):
        raise RuntimeError("%s=%s is not a directory" % (ENV, location))
    return Docs(location)
