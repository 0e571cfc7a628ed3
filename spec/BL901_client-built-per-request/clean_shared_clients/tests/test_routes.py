import httpx


def test_read_file(request):
    client = httpx.Client(base_url="http://testserver")
    assert client.get("/files/a").status_code == 200
