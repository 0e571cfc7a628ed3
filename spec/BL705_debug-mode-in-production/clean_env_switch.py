import os

from fastapi import FastAPI
from flask import Flask

api = FastAPI(debug=os.environ.get("API_DEBUG") == "1")
web = Flask(__name__)
web.config["DEBUG"] = False
web.run(debug=os.environ.get("FLASK_DEBUG") == "1")
