package io.adaptseg.train.nd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The training code never hands a Java number to the NDArray operations whose backward pass reads
 * that number ({@link Scalars} explains why). The sources are type-checked with javac so that
 * {@code x.mul(w)} is told apart by the type of {@code w}, not by how it is spelled.
 */
class ScalarOverloadCheckTest {
    private static final Set<String> SAVING_OPERATIONS = Set.of("mul", "div", "pow", "maximum", "minimum", "muli",
            "divi", "powi");

    @Test
    void trainingCodeUsesScalarsForNumberOperands() throws IOException {
        List<String> found = numberOperands(Path.of("src/main/java"));
        assertTrue(found.isEmpty(), "use io.adaptseg.train.nd.Scalars instead of DJL's number overloads:\n"
                + String.join("\n", found));
    }

    @Test
    void theCheckFindsANumberOperand() throws IOException {
        Path dir = Files.createTempDirectory("scalar-check");
        Path pkg = Files.createDirectories(dir.resolve("p"));
        Files.writeString(pkg.resolve("Bad.java"), """
                package p;
                import ai.djl.ndarray.NDArray;
                class Bad {
                    NDArray a(NDArray x, double w) { return x.mul(w); }
                    NDArray b(NDArray x) { return x.div(2).add(1); }
                    NDArray fine(NDArray x, NDArray y) { return x.mul(y).add(1).sub(2f); }
                }
                """);
        List<String> found = numberOperands(dir);
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).contains("Bad.java:4") && found.get(0).contains("mul"), found.get(0));
        assertTrue(found.get(1).contains("Bad.java:5") && found.get(1).contains("div"), found.get(1));
    }

    private static List<String> numberOperands(Path root) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null)) {
            var units = fm.getJavaFileObjectsFromPaths(sources);
            List<String> options = List.of("-proc:none", "-classpath", System.getProperty("java.class.path"));
            JavacTask task = (JavacTask) javac.getTask(null, fm, diagnostics, options, null, units);
            Iterable<? extends CompilationUnitTree> trees = task.parse();
            task.analyze();
            List<String> errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(Object::toString).toList();
            assertTrue(errors.isEmpty(), "the sources must type-check for this test: " + errors);
            Trees treeUtil = Trees.instance(task);
            Types types = task.getTypes();
            TypeMirror number = task.getElements().getTypeElement("java.lang.Number").asType();
            TypeMirror ndArray = task.getElements().getTypeElement("ai.djl.ndarray.NDArray").asType();
            List<String> found = new ArrayList<>();
            for (CompilationUnitTree unit : trees) {
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                        if (call.getMethodSelect() instanceof MemberSelectTree select
                                && SAVING_OPERATIONS.contains(select.getIdentifier().toString())
                                && call.getArguments().size() == 1) {
                            Element method = treeUtil.getElement(getCurrentPath());
                            TypeMirror receiver = treeUtil.getTypeMirror(
                                    new com.sun.source.util.TreePath(getCurrentPath(), select.getExpression()));
                            if (method instanceof ExecutableElement e && receiver != null
                                    && types.isAssignable(types.erasure(receiver), ndArray)) {
                                TypeMirror parameter = e.getParameters().getFirst().asType();
                                if (parameter.getKind() != TypeKind.DECLARED || types.isAssignable(parameter, number)) {
                                    long line = unit.getLineMap().getLineNumber(
                                            treeUtil.getSourcePositions().getStartPosition(unit, call));
                                    found.add(Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + line + ": "
                                            + call);
                                }
                            }
                        }
                        return super.visitMethodInvocation(call, unused);
                    }
                }.scan(unit, null);
            }
            return found;
        }
    }
}
