from shop.factory import ShopFlask, create_app


def main() -> None:
    app = create_app()
    app.run(host="0.0.0.0", debug=True)  # error: BL705


def admin() -> None:
    ShopFlask("admin").run(debug=True)  # error: BL705


def worker(queue) -> None:
    queue.run(debug=True)
