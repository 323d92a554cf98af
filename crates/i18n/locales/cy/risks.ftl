# risks
