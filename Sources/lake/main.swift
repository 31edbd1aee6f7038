print("lake")
