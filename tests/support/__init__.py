"""What the tests and the benchmarks share: plain modules, imported by name, so that where a
helper comes from is always written at the top of the file that uses it. conftest.py files hold
only pytest fixtures, and nothing imports from them.

    local_stack          a real local stack in a subprocess (`make dev`'s), started and stopped
    browser_like_client  HTTP to a local stack as the page speaks it: Cognito, the API, S3
    browser              the browser tests' steps (sign up, sign in, screenshots...)
    api_steps            the API unit tests' steps (a photo requested, a photo made READY)
    images               test photos made in code
    json_logs            the JSON lines a Powertools logger writes
    stream_loop          Lambda's stream trigger over in-process moto
    fake_aws             the made-up region, credentials and site origin of the unit tests
    alarms               the metrics an alarm of the template reads, metric math included
    waiting              waiting for what a stack does after a request has answered
    skipping             skip on a developer's machine, fail in CI
"""
