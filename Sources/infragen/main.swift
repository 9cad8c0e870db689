import InfragenExampleBlueprints
import InfragenCLI

// This repository's own blueprints, handed to the shared command line.
InfragenCLI.main(systems: catalog.descriptions)
