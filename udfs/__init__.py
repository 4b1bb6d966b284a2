"""SØM as Excel functions through xlwings (see som_udfs.py and README "SØM i dit eget regneark")."""
