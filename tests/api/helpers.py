"""What the read API's tests check of an answer."""

from khabar.api import schemas


def problem(response, status):
    """The problem document of *response*, checked to be one."""
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json; charset=utf-8"
    document = response.json()
    schemas.Problem.model_validate(document)
    assert document["status"] == status
    return document


def refused(response, status=400):
    """``{parameter: detail}`` of a refusal's errors: a 400 (a value not as
    described), or a 404 (well-formed values that name nothing)."""
    document = problem(response, status)
    return {error["parameter"]: error["detail"] for error in document["errors"]}


def ids(response, shape=schemas.ArticleList):
    """The ids of a list's items, the list checked against its *shape*."""
    assert response.status_code == 200, response.content[:300]
    shape.model_validate(response.json())
    return [item["id"] for item in response.json()["items"]]


def walk(client, url):
    """Every item of a list, following ``next`` to its end."""
    items = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        items += response.json()["items"]
        url = response.json()["next"]
    return items
