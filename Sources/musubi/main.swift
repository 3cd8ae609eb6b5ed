print("musubi")
