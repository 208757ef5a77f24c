"""execution-environment.yml: `ansible-builder create` writes a build context that installs the collection from its
tarball and its Python requirements. Without a container engine the image is not built; instead the two steps of the
Containerfile that concern the collection run here as they would in the image: the galaxy stage's
`ansible-galaxy collection install -r requirements.yml` and the builder stage's introspection of the installed
collections, which must find `requests`.
"""

import hashlib
import os
import subprocess
import sys
import tarfile

import pytest
import yaml

from collection_under_test import REPO_ROOT, tool
from conftest import galaxy_version

EE_FILE = os.path.join(REPO_ROOT, 'execution-environment.yml')


@pytest.fixture(scope='module')
def tarball():
    """dist/ngrok-ngrok-<version>.tar.gz, as `make build` (and tools/awx.sh) leaves it; built when missing."""
    path = os.path.join(REPO_ROOT, 'dist', 'ngrok-ngrok-%s.tar.gz' % galaxy_version())
    if not os.path.exists(path):
        subprocess.run([tool('ansible-galaxy'), 'collection', 'build', '--output-path', os.path.dirname(path), REPO_ROOT],
                       check=True, stdout=subprocess.PIPE)
    return path


@pytest.fixture(scope='module')
def definition():
    with open(EE_FILE) as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope='module')
def context(tmp_path_factory, tarball):
    path = tmp_path_factory.mktemp('ee') / 'context'
    completed = subprocess.run([tool('ansible-builder'), 'create', '-f', EE_FILE, '-c', str(path),
                                '--output-filename', 'Containerfile'],
                               cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    assert completed.returncode == 0, completed.stdout
    assert 'No matches' not in completed.stdout and 'does not exist' not in completed.stdout, completed.stdout
    return path


def digest(path):
    with open(str(path), 'rb') as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_the_definition_names_the_tarball_of_this_version_and_no_python_package_of_its_own(definition):
    name = 'ngrok-ngrok-%s.tar.gz' % galaxy_version()
    assert definition['version'] == 3
    assert definition['additional_build_files'] == [{'src': 'dist/' + name, 'dest': 'collections'}]
    assert definition['dependencies']['galaxy'] == {'collections': [{'name': 'collections/' + name, 'type': 'file'}]}
    # requests comes from the collection's own metadata: requirements.txt is the one place it is declared.
    assert 'python' not in definition['dependencies']
    with open(os.path.join(REPO_ROOT, 'meta', 'execution-environment.yml')) as handle:
        assert yaml.safe_load(handle)['dependencies'] == {'python': 'requirements.txt'}


def test_the_context_holds_the_tarball_and_a_containerfile_that_installs_it(context, tarball):
    build = context / '_build'
    copied = build / 'collections' / os.path.basename(tarball)
    assert copied.is_file() and digest(copied) == digest(tarball)
    with open(str(build / 'requirements.yml')) as handle:
        assert yaml.safe_load(handle) == {'collections': [{'name': 'collections/' + os.path.basename(tarball), 'type': 'file'}]}
    containerfile = (context / 'Containerfile').read_text()
    steps = [line for line in containerfile.splitlines() if line.startswith(('FROM ', 'RUN ', 'COPY '))]
    assert 'COPY _build /build' in steps
    assert any('ansible-galaxy collection install' in s and '-r requirements.yml' in s for s in steps)
    assert any('introspect.py introspect' in s and '--write-pip=' in s for s in steps)
    assert 'RUN /output/scripts/assemble' in steps
    assert 'RUN /output/scripts/install-from-bindep && rm -rf /output/wheels' in steps
    assert "ansible-core>=2.16,<2.20 ansible-runner" in containerfile


def test_the_image_steps_install_the_collection_and_find_its_python_requirements(context, tmp_path):
    build = context / '_build'
    collections = tmp_path / 'usr' / 'share' / 'ansible' / 'collections'
    # The galaxy stage, run from /build as the Containerfile does.
    completed = subprocess.run([tool('ansible-galaxy'), 'collection', 'install', '-r', 'requirements.yml',
                                '--collections-path', str(collections)],
                               cwd=str(build),
                               # Only the image's collections path: nothing is installed there yet.
                               env=dict(os.environ, ANSIBLE_GALAXY_DISABLE_GPG_VERIFY='1',
                                        ANSIBLE_COLLECTIONS_PATH=str(collections)),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    assert completed.returncode == 0, completed.stdout
    manifest = collections / 'ansible_collections' / 'ngrok' / 'ngrok' / 'MANIFEST.json'
    assert manifest.is_file()
    # The builder stage's introspection of what the galaxy stage installed.
    written = tmp_path / 'requirements.txt'
    completed = subprocess.run([sys.executable, str(build / 'scripts' / 'introspect.py'), 'introspect', str(collections),
                                '--write-pip=%s' % written],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    assert completed.returncode == 0, completed.stdout
    with open(os.path.join(REPO_ROOT, 'requirements.txt')) as handle:
        declared = [line.strip() for line in handle if line.strip() and not line.startswith('#')]
    lines = written.read_text().splitlines()
    assert declared and all(any(line.startswith(req) and 'ngrok.ngrok' in line for line in lines) for req in declared), lines


def test_the_build_context_of_the_ee_steps_stays_out_of_git_and_of_the_next_tarball(tarball, tmp_path):
    """The documented EE steps in a clone: `ansible-builder create` (as `build` does first) without --context writes
    context/ at the top of the clone. git ignores it, and the tarball built afterwards holds nothing of it."""
    clone = tmp_path / 'clone'
    subprocess.run([os.path.join(REPO_ROOT, 'tools', 'copy-tree.sh'), str(clone)], cwd=REPO_ROOT, check=True)
    os.makedirs(str(clone / 'dist'))
    with open(tarball, 'rb') as source, open(str(clone / 'dist' / os.path.basename(tarball)), 'wb') as copy:
        copy.write(source.read())
    completed = subprocess.run([tool('ansible-builder'), 'create', '-f', 'execution-environment.yml'], cwd=str(clone),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    assert completed.returncode == 0, completed.stdout
    assert (clone / 'context' / '_build').is_dir(), 'ansible-builder wrote no context/ at the top of the clone'

    ignored = subprocess.run(['git', 'check-ignore', '-q', 'context/_build/requirements.yml'], cwd=REPO_ROOT, check=False)
    assert ignored.returncode == 0, 'git does not ignore context/'

    out = tmp_path / 'out'
    completed = subprocess.run([tool('ansible-galaxy'), 'collection', 'build', '--output-path', str(out), str(clone)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    assert completed.returncode == 0, completed.stdout
    built = next(out.glob('ngrok-ngrok-*.tar.gz'))
    with tarfile.open(str(built)) as archive:
        names = archive.getnames()
    assert 'plugins/modules/ngrok_vault.py' in names
    leaked = [n for n in names if n.split('/')[0] in ('context', 'dist', '.venv', '.venv-demo', 'collections')]
    assert leaked == [], leaked
