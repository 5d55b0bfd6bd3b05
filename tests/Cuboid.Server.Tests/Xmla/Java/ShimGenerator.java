import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's olap4j-xmla 1.2.0 jar lacks the classes its JDBC 4.1 factory extends (they were built by a
 * separate step the package skipped), so the driver does not load. This writes them: for each base
 * class the factory's inner classes extend, an abstract class with the base's constructors and, for
 * every JDBC method the base leaves unimplemented (LOBs, row ids, client info…), a body that throws.
 * The OLAP API the tests use never calls those methods. Generated from the jar itself by reflection.
 *
 * Usage: java ShimGenerator OUTPUT_DIR   (classpath: olap4j.jar, olap4j-xmla.jar)
 */
public final class ShimGenerator {
    private static final String[][] CLASSES = {
        {"AbstractEmptyResultSet", "org.olap4j.driver.xmla.EmptyResultSet"},
        {"AbstractConnection", "org.olap4j.driver.xmla.XmlaOlap4jConnection"},
        {"AbstractCellSet", "org.olap4j.driver.xmla.XmlaOlap4jCellSet"},
        {"AbstractPreparedStatement", "org.olap4j.driver.xmla.XmlaOlap4jPreparedStatement"},
        {"AbstractDatabaseMetaData", "org.olap4j.driver.xmla.XmlaOlap4jDatabaseMetaData"},
    };

    public static void main(String[] args) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("package org.olap4j.driver.xmla;\n\n");
        out.append("@SuppressWarnings({\"unchecked\", \"rawtypes\"})\n");
        out.append("class FactoryJdbc4Plus {\n");
        for (String[] c : CLASSES) {
            Class<?> base = Class.forName(c[1], false, ShimGenerator.class.getClassLoader());
            out.append("    static abstract class ").append(c[0]).append(" extends ").append(base.getName()).append(" {\n");
            for (Constructor<?> constructor : base.getDeclaredConstructors()) {
                if (Modifier.isPrivate(constructor.getModifiers())) continue;
                Class<?>[] types = constructor.getParameterTypes();
                out.append("        ").append(c[0]).append("(").append(parameters(types)).append(") throws Exception { super(");
                for (int i = 0; i < types.length; i++) out.append(i == 0 ? "" : ", ").append("p").append(i);
                out.append("); }\n");
            }
            for (Method method : unimplemented(base)) {
                out.append("        public ").append(name(method.getReturnType())).append(" ").append(method.getName())
                    .append("(").append(parameters(method.getParameterTypes())).append(") { throw new UnsupportedOperationException(\"")
                    .append(method.getName()).append("\"); }\n");
            }
            out.append("    }\n");
        }
        out.append("}\n");
        Path file = Paths.get(args[0], "org", "olap4j", "driver", "xmla", "FactoryJdbc4Plus.java");
        Files.createDirectories(file.getParent());
        Files.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The public abstract methods no class from the base up implements, one per signature, with the narrowest return type. */
    private static List<Method> unimplemented(Class<?> base) {
        Map<String, Method> missing = new LinkedHashMap<>();
        for (Method method : base.getMethods()) {
            if (!Modifier.isAbstract(method.getModifiers()) || implemented(base, method)) continue;
            String key = method.getName() + java.util.Arrays.toString(method.getParameterTypes());
            Method known = missing.get(key);
            if (known == null || known.getReturnType().isAssignableFrom(method.getReturnType())) missing.put(key, method);
        }
        return new ArrayList<>(missing.values());
    }

    private static boolean implemented(Class<?> base, Method method) {
        for (Class<?> c = base; c != null; c = c.getSuperclass()) {
            try {
                Method found = c.getDeclaredMethod(method.getName(), method.getParameterTypes());
                if (!Modifier.isAbstract(found.getModifiers())) return true;
            } catch (NoSuchMethodException e) {
                // not declared here: look further up
            }
        }
        return false;
    }

    private static String parameters(Class<?>[] types) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < types.length; i++) s.append(i == 0 ? "" : ", ").append(name(types[i])).append(" p").append(i);
        return s.toString();
    }

    private static String name(Class<?> type) {
        return type.isArray() ? name(type.getComponentType()) + "[]" : type.getName().replace('$', '.');
    }
}
