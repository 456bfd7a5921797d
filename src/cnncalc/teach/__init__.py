"""Teaching with cnncalc: exercise sheets in the quiz contract, their answer keys, and a drill.

``generate`` draws questions from a seed, ``key`` computes their answers through the public
API, ``sheet`` writes them as YAML, ``answers`` reads typed answers and ``drill`` runs the
practice loop; ``cnncalc.cli.teach`` holds the commands ``cnncalc quiz new`` and ``cnncalc drill``.
"""
