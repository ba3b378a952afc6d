"""GET /api/runtime: the sandbox's Python and package versions, read from the interpreter."""

from __future__ import annotations

import platform
from importlib import metadata

from judge.runtime import ON_DEMAND, PRELOAD


def test_runtime_lists_python_and_each_package_with_its_installed_version(client):
    response = client.get("/api/runtime")
    assert response.status_code == 200
    body = response.json()
    assert body["python"] == platform.python_version()
    assert body["implementation"] == "CPython"
    assert (body["threads"], body["network"], body["gpu"]) == (1, False, False)
    packages = {package["name"]: package for package in body["packages"]}
    assert list(packages) == ["numpy", "torch", "pandas", "scikit-learn", "scipy"]
    for name, package in packages.items():
        assert package["version"] == metadata.version(name)
    assert packages["torch"]["version"].startswith("2.13.0")
    assert packages["scikit-learn"]["import_name"] == "sklearn"
    preloaded = {p["import_name"] for p in body["packages"] if p["preloaded"]}
    # PRELOAD also names torch.optim, a module of torch (its first optimizer costs ~1 s of CPU)
    assert preloaded == {"numpy", "torch"} == set(PRELOAD) - {"torch.optim"}
    on_demand = {p["import_name"] for p in body["packages"] if p["preloaded_on_demand"]}
    assert on_demand == {"pandas"} == set(ON_DEMAND)


def test_runtime_is_documented_in_the_openapi_schema(client):
    schema = client.get("/openapi.json").json()
    answer = schema["paths"]["/api/runtime"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Runtime"
    }
    assert set(schema["components"]["schemas"]["Package"]["properties"]) == {
        "name",
        "import_name",
        "version",
        "preloaded",
        "preloaded_on_demand",
    }
