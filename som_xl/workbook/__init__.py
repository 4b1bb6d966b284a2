"""The generated SØM workbook (xlsxwriter) and its reader (openpyxl)."""
