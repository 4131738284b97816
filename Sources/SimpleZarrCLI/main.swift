import SimpleZarr
print("simplezarr")
