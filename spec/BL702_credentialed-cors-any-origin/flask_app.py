"""A Flask backend for a single-page app."""
from flask import Flask, request
from flask_cors import CORS, cross_origin

app = Flask(__name__)
CORS(app, supports_credentials=True)  # error: BL702

admin = Flask("admin")
CORS(admin, origins=["https://admin.example.com"], supports_credentials=True)

widgets = Flask("widgets")
CORS(widgets, origins="*", supports_credentials=True)  # error: BL702


@app.route("/me")
@cross_origin(origins=["https://app.example.com"], supports_credentials=True)
def me():
    return {"name": "ada"}


@app.after_request
def add_cors(response):
    response.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin")  # error: BL702
    response.headers["Access-Control-Allow-Credentials"] = "true"
    return response
