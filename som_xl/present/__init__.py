"""Presentation: the one Danish vocabulary and the labelled result tables every face renders.

========================  ===================================================================
``da``                    every Danish word a user reads for som-xl's concepts; number formats
``labelled``              :class:`~som_xl.present.labelled.Table`, the shape every face renders
``tables``                the result views: key figures, years, purse, budget item, …
``kb_tables``             the knowledge base as tables (``som-xl kb list``)
``text``                  plain-text rendering (the command line)
``grid``                  cells for the Excel functions, and the Danish CSV file
========================  ===================================================================
"""
