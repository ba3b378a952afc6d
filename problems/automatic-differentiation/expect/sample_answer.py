# Wrong: returns the example's answer from the statement whatever the arguments. The example is
# in a 0-point group and the hidden tests have other inputs, so this earns nothing.
def grads(x: float, w1: float, w2: float) -> dict:
    return {
        "y": 0.3524339885547782,
        "u": 0.12876641950269463,
        "x": 0.06438320975134731,
        "w1": 0.19314962925404194,
        "w2": 0.15500506435797354,
    }
