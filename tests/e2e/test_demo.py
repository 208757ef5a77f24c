"""playbooks/demo.yml against a fresh simulator, with the collection installed from its tarball."""

import os

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEMO = os.path.join(REPO_ROOT, 'playbooks', 'demo.yml')

# Resources the demo playbook manages: one reserved domain and one API key. An unchanged re-run
# must cost exactly one API request (a lookup) for each of them.
DEMO_RESOURCES = 2


def _assert_ok(run):
    assert run.returncode == 0, run.output
    assert 'localhost' in run.recap, run.output
    assert run.recap['localhost']['failed'] == 0, run.output


def test_demo_creates_then_is_idempotent_at_one_request_per_resource(run_playbook, simulator):
    first = run_playbook(DEMO)
    _assert_ok(first)
    assert first.recap['localhost']['changed'] > 0, first.output

    before = simulator.stats()
    second = run_playbook(DEMO)
    after = simulator.stats()
    _assert_ok(second)
    assert second.recap['localhost']['changed'] == 0, second.output
    assert after['mutations'] == before['mutations'], 'the unchanged re-run modified the API'
    assert after['requests'] - before['requests'] == DEMO_RESOURCES, (
        'the unchanged re-run made %d API requests; expected one per resource (%d)'
        % (after['requests'] - before['requests'], DEMO_RESOURCES))


def test_demo_check_mode_plan_changes_nothing(run_playbook, simulator):
    _assert_ok(run_playbook(DEMO))
    before = simulator.stats()
    plan = run_playbook(DEMO, '--check', '--diff', '-e', "ngrok_demo_description='changed by the plan'")
    after = simulator.stats()
    _assert_ok(plan)
    assert plan.recap['localhost']['changed'] > 0, plan.output
    assert 'changed by the plan' in plan.output, plan.output
    assert after['mutations'] == before['mutations'], 'check mode modified the API'

    teardown = run_playbook(DEMO, '-e', 'ngrok_demo_state=absent')
    _assert_ok(teardown)
    assert teardown.recap['localhost']['changed'] > 0, teardown.output
