// The installed SDK pom names its dependencies literally (no ${...} in coordinates), and resolves
// to the CPU runtime only.
def sdkPom = new File(localRepositoryPath,
        "org/avca4j/avca4j-sdk/${projectVersion}/avca4j-sdk-${projectVersion}.pom").text
def unresolved = sdkPom =~ /<(groupId|artifactId|version|classifier|type|scope)>[^<]*\$\{/
assert !unresolved.find() : "installed avca4j-sdk pom has a property in a coordinate:\n" + sdkPom

def tree = new File(basedir, "tree.txt").text
assert tree.contains("com.microsoft.onnxruntime:onnxruntime:jar:${onnxruntimeVersion}:compile") : tree
assert !tree.contains("onnxruntime_gpu") : tree
