"""Teaching with cnncalc: exercise sheets in the quiz contract and their answer keys.

``generate`` draws questions from a seed, ``key`` computes their answers through the public
API, ``sheet`` writes them as YAML; ``commands`` holds ``cnncalc quiz new``.
"""
