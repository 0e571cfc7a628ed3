"""Entry points that switch debug on in code."""
from fastapi import FastAPI
from flask import Flask

api = FastAPI(debug=True)  # error: BL705
web = Flask(__name__)
web.debug = True  # error: BL705
web.config["DEBUG"] = True  # error: BL705

quiet = FastAPI(debug=False)

if __name__ == "__main__":
    web.run(host="0.0.0.0", debug=True)  # error: BL705
