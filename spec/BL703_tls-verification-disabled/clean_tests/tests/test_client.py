import requests


def test_staging_up() -> None:
    assert requests.get("https://staging.internal", verify=False, timeout=5).ok
