// With the documented exclusion, exactly one ONNX Runtime is resolved: the GPU one.
def tree = new File(basedir, "tree.txt").text
assert tree.contains("com.microsoft.onnxruntime:onnxruntime_gpu:jar:${onnxruntimeVersion}:compile") : tree
assert !tree.contains("com.microsoft.onnxruntime:onnxruntime:") : tree
