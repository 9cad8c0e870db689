// Blueprints write `import Infragen` and see the model's units and environments without a second import.
@_exported import InfragenModel
