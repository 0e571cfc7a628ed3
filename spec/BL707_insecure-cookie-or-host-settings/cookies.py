"""Login endpoints in three frameworks that set their own cookies."""
from django.http import HttpResponse
from fastapi import FastAPI, Response
from flask import Flask, make_response

app = FastAPI()
web = Flask(__name__)


@app.post("/login")
async def login(response: Response) -> dict:
    response.set_cookie("session_id", "abc", httponly=True)  # error: BL707
    response.set_cookie("access_token", "jwt", secure=True, httponly=True, samesite="strict")
    response.set_cookie("theme", "dark")
    return {"ok": True}


@web.route("/login", methods=["POST"])
def flask_login():
    response = make_response("ok")
    response.set_cookie("remember_token", "t", secure=False, httponly=True)  # error: BL707
    response.set_cookie("csrftoken", "x", secure=True)
    return response


def django_login(request):
    response = HttpResponse("ok")
    response.set_cookie("auth", "t")  # error: BL707
    return response
