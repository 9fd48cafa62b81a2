"""Running the notebooks: the papermill runner and shared kernels, the round and brief runners, notebook
parameters, the reproducible environment and the generated make rules."""
