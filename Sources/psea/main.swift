// Entry point of the psea command.
print("psea")
