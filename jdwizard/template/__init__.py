"""Templates: the model, loading and checking a bundle, the engine that renders it, the library of
built-in and user templates, the fields' roles, and importing a template from text."""
