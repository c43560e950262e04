<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Atendidos</translation>
    </message>
    <message>
        <source>Abandon rate</source>
        <translation>Tasa de abandono</translation>
    </message>
    <message>
        <source>target ≤ %1 %</source>
        <translation>meta ≤ %1 %</translation>
    </message>
    <message>
        <source>Service level (answered within %1 s)</source>
        <translation>Nivel de servicio (atendidos en %1 s)</translation>
    </message>
    <message>
        <source>target ≥ %1 %</source>
        <translation>meta ≥ %1 %</translation>
    </message>
    <message>
        <source>Answer time (median / 90 %)</source>
        <translation>Tiempo de respuesta (mediana / 90 %)</translation>
    </message>
    <message>
        <source>Handle time (median / 90 %)</source>
        <translation>Duración de la atención (mediana / 90 %)</translation>
    </message>
    <message>
        <source>usual %1 min</source>
        <translation>habitual %1 min</translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation>Escalamientos</translation>
    </message>
    <message>
        <source>%1 (in %2 contacts)</source>
        <translation>%1 (en %2 contactos)</translation>
    </message>
    <message>
        <source>Repeat callers</source>
        <translation>Personas que vuelven</translation>
    </message>
    <message>
        <source>%1 of %2 callers, %3 of contacts</source>
        <translation>%1 de %2 personas, %3 de los contactos</translation>
    </message>
    <message>
        <source>The report could not be read.</source>
        <translation>No se pudo leer el reporte.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>%1 report, %2</source>
        <translation>Reporte de %1, %2</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>No se pudo escribir %1.</translation>
    </message>
    <message>
        <source>%1 — report</source>
        <translation>%1 — reporte</translation>
    </message>
    <message>
        <source>Period: %1 (UTC%2%3 min). Printed %4.</source>
        <translation>Periodo: %1 (UTC%2%3 min). Impreso: %4.</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Cifras</translation>
    </message>
    <message>
        <source>%1 — missed</source>
        <translation>%1 — no se alcanzó</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <source>; most shared: %1</source>
        <translation>; el más compartido: %1</translation>
    </message>
    <message>
        <source>Resources shared</source>
        <translation>Recursos compartidos</translation>
    </message>
    <message>
        <source>Overflow to the partner line</source>
        <translation>Desvío a la línea asociada</translation>
    </message>
    <message>
        <source>%1 callers put through (%2 offered, %3 pressed 1); %4 texters sent its number</source>
        <translation>%1 llamadas transferidas (%2 con la oferta, %3 marcaron 1); %4 personas que escriben recibieron su número</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>Filtro</translation>
    </message>
    <message>
        <source>%1 contacts held for a lead, %2 refused</source>
        <translation>%1 contactos retenidos para la coordinación, %2 rechazados</translation>
    </message>
    <message>
        <source>Check-ins</source>
        <translation>Seguimientos acordados</translation>
    </message>
    <message>
        <source>%1 scheduled, %2 reached the queue, %3 missed, %4 stopped</source>
        <translation>%1 programados, %2 llegaron a la cola, %3 perdidos, %4 detenidos</translation>
    </message>
    <message>
        <source>Once on %1</source>
        <translation>Una vez, el %1</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Todos los días</translation>
    </message>
    <message>
        <source>Weekdays</source>
        <translation>Entre semana</translation>
    </message>
    <message>
        <source>%1 at %2 (%3): %4</source>
        <translation>%1 a las %2 (%3): %4</translation>
    </message>
    <message>
        <source>stopped (%1)</source>
        <translation>detenido (%1)</translation>
    </message>
    <message>
        <source>next %1</source>
        <translation>próximo: %1</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>terminado</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>Devoluciones de llamada</translation>
    </message>
    <message>
        <source>%1 requested, %2 reached (after %3 min on average), %4 not reached</source>
        <translation>%1 pedidas, %2 con respuesta (tras %3 min de media), %4 sin respuesta</translation>
    </message>
    <message>
        <source>by call</source>
        <translation>por llamada</translation>
    </message>
    <message>
        <source>%1 answered of %2 asked (%3 %): %4 yes, %5 a little, %6 no</source>
        <translation>%1 respondieron de %2 consultados (%3 %): %4 sí, %5 un poco, %6 no</translation>
    </message>
    <message>
        <source>calls %1 of %2</source>
        <translation>llamadas %1 de %2</translation>
    </message>
    <message>
        <source>texts %1 of %2</source>
        <translation>mensajes %1 de %2</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>Encuesta</translation>
    </message>
    <message>
        <source>%1: %2 of %3 (%4 yes, %5 a little, %6 no)</source>
        <translation>%1: %2 de %3 (%4 sí, %5 un poco, %6 no)</translation>
    </message>
    <message>
        <source>Survey by group</source>
        <translation>Encuesta por grupo</translation>
    </message>
</context>
<context>
    <name>warmline::app::AdminController</name>
    <message>
        <source>Account %1 added.</source>
        <translation>Se agregó la cuenta %1.</translation>
    </message>
    <message>
        <source>%1&apos;s role changed.</source>
        <translation>Se cambió el rol de %1.</translation>
    </message>
    <message>
        <source>%1&apos;s capacity changed.</source>
        <translation>Se cambió la capacidad de %1.</translation>
    </message>
    <message>
        <source>%1&apos;s languages changed.</source>
        <translation>Se cambiaron los idiomas de %1.</translation>
    </message>
    <message>
        <source>%1 disabled.</source>
        <translation>Se desactivó la cuenta de %1.</translation>
    </message>
    <message>
        <source>%1 enabled.</source>
        <translation>Se activó la cuenta de %1.</translation>
    </message>
    <message>
        <source>Nothing to save.</source>
        <translation>No hay nada que guardar.</translation>
    </message>
    <message>
        <source>%1 saved.</source>
        <translation>Se guardó %1.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 follows the config file again.</source>
        <translation>%1 vuelve a tomar el valor del archivo de configuración.</translation>
    </message>
    <message>
        <source>%1&apos;s group changed.</source>
        <translation>Se cambió el grupo de %1.</translation>
    </message>
    <message>
        <source>%1&apos;s phone changed.</source>
        <translation>Se cambió el teléfono de %1.</translation>
    </message>
</context>
<context>
    <name>warmline::app::AdminWindow</name>
    <message>
        <source>Warmline — Administration</source>
        <translation>Warmline — Administración</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>Administration sections</source>
        <translation>Secciones de administración</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Cuentas</translation>
    </message>
    <message>
        <source>Selected account</source>
        <translation>Cuenta seleccionada</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Rol</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacidad</translation>
    </message>
    <message>
        <source>Texts held at once; a call takes the whole capacity.</source>
        <translation>Conversaciones de texto a la vez; una llamada ocupa toda la capacidad.</translation>
    </message>
    <message>
        <source>&amp;Capacity</source>
        <translation>&amp;Capacidad</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <source>e.g. English, Spanish</source>
        <translation>p. ej., English, Spanish</translation>
    </message>
    <message>
        <source>&amp;Languages</source>
        <translation>&amp;Idiomas</translation>
    </message>
    <message>
        <source>A&amp;pply changes</source>
        <translation>A&amp;plicar cambios</translation>
    </message>
    <message>
        <source>Apply account changes</source>
        <translation>Aplicar los cambios de la cuenta</translation>
    </message>
    <message>
        <source>&amp;Disable account</source>
        <translation>&amp;Desactivar cuenta</translation>
    </message>
    <message>
        <source>Disable or enable the account</source>
        <translation>Desactivar o activar la cuenta</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>A&amp;gregar cuenta…</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>Agregar cuenta</translation>
    </message>
    <message>
        <source>Values set here override the gateway&apos;s config file until they are reset. Double-click a value to change it, then save.</source>
        <translation>Los valores que pongas aquí reemplazan los del archivo de configuración del servidor hasta que los restablezcas. Haz doble clic en un valor para cambiarlo y luego guarda.</translation>
    </message>
    <message>
        <source>Line settings</source>
        <translation>Ajustes de la línea</translation>
    </message>
    <message>
        <source>&amp;Reset selected to the config file</source>
        <translation>&amp;Restablecer lo seleccionado al archivo de configuración</translation>
    </message>
    <message>
        <source>Reset the selected setting</source>
        <translation>Restablecer el ajuste seleccionado</translation>
    </message>
    <message>
        <source>D&amp;iscard changes</source>
        <translation>Desc&amp;artar cambios</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Descartar cambios</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;Guardar cambios</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Guardar los ajustes</translation>
    </message>
    <message>
        <source>Messages from Warmline</source>
        <translation>Mensajes de Warmline</translation>
    </message>
    <message>
        <source>&amp;Enable account</source>
        <translation>&amp;Activar cuenta</translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation>Agregar una cuenta</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Repite la contraseña</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;Password (10+ characters)</source>
        <translation>&amp;Contraseña (10 caracteres o más)</translation>
    </message>
    <message>
        <source>Password &amp;again</source>
        <translation>&amp;Repite la contraseña</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>e.g. evenings</source>
        <translation>p. ej., noches</translation>
    </message>
    <message>
        <source>A team or cohort; the survey&apos;s figures are reported by group.</source>
        <translation>Un equipo o una promoción; las cifras de la encuesta se informan por grupo.</translation>
    </message>
    <message>
        <source>&amp;Group</source>
        <translation>&amp;Grupo</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>e.g. +1 555 555 0100</source>
        <translation>p. ej. +1 555 555 0100</translation>
    </message>
    <message>
        <source>Where this person&apos;s calls ring when the app&apos;s softphone is off: a desk phone&apos;s SIP address, or their own mobile or landline, which must press 1 to accept each call.</source>
        <translation>Dónde suenan las llamadas de esta persona cuando el teléfono de la aplicación está apagado: la dirección SIP de un teléfono de escritorio, o su propio móvil o fijo, en el que debe pulsar 1 para aceptar cada llamada.</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>&amp;Teléfono</translation>
    </message>
</context>
<context>
    <name>warmline::app::AlertsModel</name>
    <message>
        <source>%1 ago</source>
        <translation>hace %1</translation>
    </message>
    <message>
        <source>Not repeated</source>
        <translation>Sin repetir</translation>
    </message>
    <message numerus="yes">
        <source>%n time(s), sent to everyone</source>
        <translation>
            <numerusform>%n vez, enviada a todos</numerusform>
            <numerusform>%n veces, enviada a todos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n time(s)</source>
        <translation>
            <numerusform>%n vez</numerusform>
            <numerusform>%n veces</numerusform>
        </translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué pasa</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Activada</translation>
    </message>
    <message>
        <source>Repeated</source>
        <translation>Repetida</translation>
    </message>
</context>
<context>
    <name>warmline::app::AuditLogModel</name>
    <message>
        <source>Opened a contact</source>
        <translation>Abrió un contacto</translation>
    </message>
    <message>
        <source>Opened a caller&apos;s details</source>
        <translation>Abrió los datos de una persona</translation>
    </message>
    <message>
        <source>Revealed a number</source>
        <translation>Reveló un número</translation>
    </message>
    <message>
        <source>Review mark</source>
        <translation>Marca de revisión</translation>
    </message>
    <message>
        <source>Commented</source>
        <translation>Comentó</translation>
    </message>
    <message>
        <source>Follow-up flag</source>
        <translation>Marca de seguimiento</translation>
    </message>
    <message>
        <source>Changed a line setting</source>
        <translation>Cambió un ajuste de la línea</translation>
    </message>
    <message>
        <source>Changed an account</source>
        <translation>Cambió una cuenta</translation>
    </message>
    <message>
        <source>Retention purge</source>
        <translation>Borrado por retención</translation>
    </message>
    <message>
        <source>(the gateway)</source>
        <translation>(el servidor)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <source>Read a live conversation</source>
        <translation>Leyó una conversación en curso</translation>
    </message>
    <message>
        <source>Took over a conversation</source>
        <translation>Tomó una conversación</translation>
    </message>
    <message>
        <source>Recorded consent to keep a plan</source>
        <translation>Registró el consentimiento para guardar un plan</translation>
    </message>
    <message>
        <source>Deleted a caller&apos;s plan</source>
        <translation>Borró el plan de una persona</translation>
    </message>
    <message>
        <source>Listened to a live call</source>
        <translation>Escuchó una llamada en curso</translation>
    </message>
</context>
<context>
    <name>warmline::app::Board</name>
    <message>
        <source>Escalation</source>
        <translation>Escalamiento</translation>
    </message>
    <message>
        <source>Waiting too long</source>
        <translation>Espera demasiado larga</translation>
    </message>
    <message>
        <source>Over time limit</source>
        <translation>Pasó el tiempo límite</translation>
    </message>
    <message>
        <source>Presence stuck</source>
        <translation>Estado sin cambiar</translation>
    </message>
    <message>
        <source>Operator lost</source>
        <translation>Operador sin conexión</translation>
    </message>
    <message>
        <source>No one available</source>
        <translation>Nadie disponible</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Información</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>High risk</source>
        <translation>Riesgo alto</translation>
    </message>
    <message>
        <source>Imminent risk</source>
        <translation>Riesgo inminente</translation>
    </message>
</context>
<context>
    <name>warmline::app::BoardOperatorsModel</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>No contacts</source>
        <translation>Sin contactos</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Sesión cerrada</translation>
    </message>
    <message>
        <source>Signed in, not taking contacts</source>
        <translation>Con sesión, sin recibir contactos</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Lost – contacts return in %1</source>
        <translation>Sin conexión – los contactos vuelven en %1</translation>
    </message>
    <message>
        <source>Lost – returning contacts</source>
        <translation>Sin conexión – devolviendo contactos</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Desde hace</translation>
    </message>
    <message>
        <source>Holding</source>
        <translation>Atiende</translation>
    </message>
    <message>
        <source>Contacts (channel, time, risk)</source>
        <translation>Contactos (canal, tiempo, riesgo)</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>App softphone</source>
        <translation>Teléfono de la aplicación</translation>
    </message>
    <message>
        <source>Desk phone</source>
        <translation>Teléfono de escritorio</translation>
    </message>
    <message>
        <source>Own phone (presses 1)</source>
        <translation>Teléfono propio (pulsa 1)</translation>
    </message>
    <message>
        <source>No phone</source>
        <translation>Sin teléfono</translation>
    </message>
    <message>
        <source>Calls to</source>
        <translation>Llamadas a</translation>
    </message>
    <message>
        <source>The phone did not answer the gateway&apos;s last check. Calls still go to it, and come back to the queue if it does not answer; call the operator, or give their contacts to someone else.</source>
        <translation>El teléfono no respondió a la última comprobación de la pasarela. Las llamadas siguen yendo a él y vuelven a la cola si no contesta; llame a la operadora o dé sus contactos a otra persona.</translation>
    </message>
    <message>
        <source>The phone answers the gateway&apos;s checks. The checks, and calls to it, travel as plain SIP and RTP, not encrypted.</source>
        <translation>El teléfono responde a las comprobaciones de la pasarela. Las comprobaciones y las llamadas a él viajan como SIP y RTP sin cifrar.</translation>
    </message>
    <message>
        <source>%1 – no answer</source>
        <translation>%1 – no responde</translation>
    </message>
    <message>
        <source>%1 – no answer since %2</source>
        <translation>%1 – no responde desde las %2</translation>
    </message>
    <message>
        <source>App softphone – not connected</source>
        <translation>Softphone de la app – sin conexión</translation>
    </message>
    <message>
        <source>App softphone, encrypted</source>
        <translation>Softphone de la app, cifrado</translation>
    </message>
    <message>
        <source>The app&apos;s softphone has not connected to the gateway, or its connection dropped: calls cannot reach it until it connects again. Call the operator, or give their contacts to someone else.</source>
        <translation>El softphone de la app no se ha conectado a la pasarela, o su conexión se cortó: las llamadas no le llegan hasta que se conecte de nuevo. Llame a la persona operadora o pase sus contactos a otra persona.</translation>
    </message>
    <message>
        <source>The phone answers the gateway&apos;s checks. It is connected over TLS, and calls to it are encrypted (SRTP).</source>
        <translation>El teléfono responde a las comprobaciones de la pasarela. Está conectado por TLS y las llamadas que recibe van cifradas (SRTP).</translation>
    </message>
</context>
<context>
    <name>warmline::app::CallBar</name>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Call state</source>
        <translation>Estado de la llamada</translation>
    </message>
    <message>
        <source>Call time</source>
        <translation>Duración de la llamada</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>&amp;Silenciar</translation>
    </message>
    <message>
        <source>Mute my microphone</source>
        <translation>Silenciar mi micrófono</translation>
    </message>
    <message>
        <source>&amp;Hold</source>
        <translation>En &amp;espera</translation>
    </message>
    <message>
        <source>Put the caller on hold</source>
        <translation>Poner a la persona en espera</translation>
    </message>
    <message>
        <source>Hang &amp;up</source>
        <translation>&amp;Colgar</translation>
    </message>
    <message>
        <source>Hang up and start wrap-up</source>
        <translation>Colgar y empezar el cierre</translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation>Llamada terminada</translation>
    </message>
    <message>
        <source>On hold: the caller hears hold music</source>
        <translation>En espera: la persona escucha música de espera</translation>
    </message>
    <message>
        <source>On your desk phone</source>
        <translation>En tu teléfono de escritorio</translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation>Sonando…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>%1, %2 over the time limit</source>
        <translation>%1, %2 más del tiempo límite</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <source>Surve&amp;y</source>
        <translation>Encues&amp;ta</translation>
    </message>
    <message>
        <source>Ask the caller the survey when I hang up</source>
        <translation>Hacer la encuesta a la persona cuando cuelgue</translation>
    </message>
    <message>
        <source>When you hang up, the caller hears one question on their keypad (did talking with us help?); never after an escalation.</source>
        <translation>Cuando cuelgue, la persona oye una pregunta para responder con el teclado (¿le ayudó hablar con nosotros?); nunca después de un escalamiento.</translation>
    </message>
    <message>
        <source>&amp;Answer</source>
        <translation>Co&amp;ntestar</translation>
    </message>
    <message>
        <source>Answer the call</source>
        <translation>Contestar la llamada</translation>
    </message>
    <message>
        <source>Your softphone is ringing: answer it (Alt+A)</source>
        <translation>Tu softphone está sonando: contesta (Alt+N)</translation>
    </message>
    <message>
        <source>Your softphone is ringing: press Answer</source>
        <translation>Tu softphone está sonando: pulsa Contestar</translation>
    </message>
    <message>
        <source>My microphone level</source>
        <translation>Nivel de mi micrófono</translation>
    </message>
    <message>
        <source>Caller&apos;s level</source>
        <translation>Nivel de la persona que llama</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>Yo</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Persona</translation>
    </message>
</context>
<context>
    <name>warmline::app::CallerHistoryModel</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Helped</source>
        <translation>¿Ayudó?</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Riesgo</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>%1 · Shared: %2</source>
        <translation>%1 · Compartido: %2</translation>
    </message>
    <message>
        <source>Topics: %1</source>
        <translation>Temas: %1</translation>
    </message>
    <message>
        <source>Resources shared: %1</source>
        <translation>Recursos compartidos: %1</translation>
    </message>
    <message>
        <source>it helped</source>
        <translation>le ayudó</translation>
    </message>
    <message>
        <source>it helped a little</source>
        <translation>le ayudó un poco</translation>
    </message>
    <message>
        <source>it did not help</source>
        <translation>no le ayudó</translation>
    </message>
    <message>
        <source>%1 · Caller: %2</source>
        <translation>%1 · Persona: %2</translation>
    </message>
    <message>
        <source>The caller&apos;s answer to the survey after this contact: %1</source>
        <translation>La respuesta de la persona a la encuesta después de este contacto: %1</translation>
    </message>
    <message>
        <source>Caller: %1</source>
        <translation>Persona: %1</translation>
    </message>
</context>
<context>
    <name>warmline::app::CallerPanel</name>
    <message>
        <source>Caller</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>No contact open</source>
        <translation>Ningún contacto abierto</translation>
    </message>
    <message>
        <source>Caller alias</source>
        <translation>Alias de la persona</translation>
    </message>
    <message>
        <source>Caller summary</source>
        <translation>Resumen de la persona</translation>
    </message>
    <message>
        <source>Caller details are not available from this gateway yet.</source>
        <translation>Este servidor todavía no ofrece los datos de la persona.</translation>
    </message>
    <message>
        <source>Caller details not available</source>
        <translation>Datos de la persona no disponibles</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation>Pronombres</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Preferred &amp;name:</source>
        <translation>&amp;Nombre preferido:</translation>
    </message>
    <message>
        <source>Pron&amp;ouns:</source>
        <translation>Pron&amp;ombres:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Save details</source>
        <translation>Guardar datos</translation>
    </message>
    <message>
        <source>Save caller details</source>
        <translation>Guardar los datos de la persona</translation>
    </message>
    <message>
        <source>Save the caller&apos;s details (Ctrl+Shift+S)</source>
        <translation>Guardar los datos de la persona (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <source>Caller flags</source>
        <translation>Avisos sobre la persona</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Límites</translation>
    </message>
    <message>
        <source>Caller limits</source>
        <translation>Límites de la persona</translation>
    </message>
    <message>
        <source>Time left in this contact</source>
        <translation>Tiempo restante en este contacto</translation>
    </message>
    <message>
        <source>Earlier contacts</source>
        <translation>Contactos anteriores</translation>
    </message>
    <message>
        <source>Notes about this caller</source>
        <translation>Notas sobre esta persona</translation>
    </message>
    <message>
        <source>Add a note for the next operator…</source>
        <translation>Agrega una nota para quien atienda después…</translation>
    </message>
    <message>
        <source>New caller note</source>
        <translation>Nueva nota sobre la persona</translation>
    </message>
    <message>
        <source>Accept a contact from the queue, or pick one of yours.</source>
        <translation>Acepta un contacto de la fila o elige uno de los tuyos.</translation>
    </message>
    <message>
        <source>Loading caller details…</source>
        <translation>Cargando los datos de la persona…</translation>
    </message>
    <message>
        <source>First contact with the line.</source>
        <translation>Primer contacto con la línea.</translation>
    </message>
    <message numerus="yes">
        <source>%n contacts since %1.</source>
        <translation>
            <numerusform>%n contacto desde %1.</numerusform>
            <numerusform>%n contactos desde %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>hasta %1</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>sin vencimiento</translation>
    </message>
    <message>
        <source>, set by %1</source>
        <translation>, puesto por %1</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>Today: %1 of %2 contacts</source>
        <translation>Hoy: %1 de %2 contactos</translation>
    </message>
    <message numerus="yes">
        <source>Today: %n contact(s)</source>
        <translation>
            <numerusform>Hoy: %n contacto</numerusform>
            <numerusform>Hoy: %n contactos</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 minutes per contact</source>
        <translation>%1 minutos por contacto</translation>
    </message>
    <message>
        <source>Preferred times: %1</source>
        <translation>Horarios preferidos: %1</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>Todavía no hay notas.</translation>
    </message>
    <message>
        <source>Running for %1</source>
        <translation>En curso desde hace %1</translation>
    </message>
    <message>
        <source>Time left: %1:%2</source>
        <translation>Tiempo restante: %1:%2</translation>
    </message>
    <message>
        <source>Over the agreed time by %1</source>
        <translation>%1 más del tiempo acordado</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>The caller&apos;s plan</source>
        <translation>El plan de la persona</translation>
    </message>
    <message>
        <source>Safety plan</source>
        <translation>Plan de seguridad</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abrir</translation>
    </message>
    <message>
        <source>Wellness plan</source>
        <translation>Plan de bienestar</translation>
    </message>
    <message>
        <source>None on file. Make a &lt;a href=&quot;safety&quot;&gt;safety plan&lt;/a&gt; or a &lt;a href=&quot;wrap&quot;&gt;wellness plan&lt;/a&gt; with the caller.</source>
        <translation>Ninguno guardado. Haga un &lt;a href=&quot;safety&quot;&gt;plan de seguridad&lt;/a&gt; o un &lt;a href=&quot;wrap&quot;&gt;plan de bienestar&lt;/a&gt; con la persona.</translation>
    </message>
</context>
<context>
    <name>warmline::app::CheckInDialog</name>
    <message>
        <source>Check-ins</source>
        <translation>Seguimientos acordados</translation>
    </message>
    <message>
        <source>The caller&apos;s check-ins</source>
        <translation>Seguimientos de esta persona</translation>
    </message>
    <message>
        <source>S&amp;top the selected check-in</source>
        <translation>De&amp;tener el seguimiento elegido</translation>
    </message>
    <message>
        <source>Stop the selected check-in</source>
        <translation>Detener el seguimiento elegido</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>T&amp;ime</source>
        <translation>Ho&amp;ra</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>lun</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>mar</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>mié</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>jue</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>vie</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sáb</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>dom</translation>
    </message>
    <message>
        <source>(none ticked: once)</source>
        <translation>(ninguno marcado: una vez)</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Días</translation>
    </message>
    <message>
        <source>Starting on</source>
        <translation>Desde el</translation>
    </message>
    <message>
        <source>&amp;Starting on</source>
        <translation>&amp;Desde el</translation>
    </message>
    <message>
        <source>Number of times</source>
        <translation>Número de veces</translation>
    </message>
    <message>
        <source>or &amp;until</source>
        <translation>o &amp;hasta</translation>
    </message>
    <message>
        <source>End on a date</source>
        <translation>Terminar en una fecha</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Último día</translation>
    </message>
    <message>
        <source>times</source>
        <translation>veces</translation>
    </message>
    <message>
        <source>Ends after</source>
        <translation>Termina tras</translation>
    </message>
    <message>
        <source>The caller&apos;s time zone</source>
        <translation>Zona horaria de la persona</translation>
    </message>
    <message>
        <source>The line&apos;s time zone</source>
        <translation>La zona horaria de la línea</translation>
    </message>
    <message>
        <source>Their time &amp;zone</source>
        <translation>Su &amp;zona horaria</translation>
    </message>
    <message>
        <source>e.g. 2026-11-26, 2026-12-25</source>
        <translation>p. ej. 2026-11-26, 2026-12-25</translation>
    </message>
    <message>
        <source>Dates to skip</source>
        <translation>Fechas que omitir</translation>
    </message>
    <message>
        <source>S&amp;kip these dates</source>
        <translation>&amp;Omitir estas fechas</translation>
    </message>
    <message>
        <source>Why, for whoever takes it</source>
        <translation>Motivo, para quien lo atienda</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>&amp;Why</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <source>Check-in status</source>
        <translation>Estado del seguimiento</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Sc&amp;hedule</source>
        <translation>&amp;Programar</translation>
    </message>
    <message>
        <source>Schedule the check-in</source>
        <translation>Programar el seguimiento</translation>
    </message>
    <message>
        <source>Open the caller&apos;s contact first.</source>
        <translation>Abre primero el contacto de la persona.</translation>
    </message>
    <message>
        <source>None yet.</source>
        <translation>Ninguno todavía.</translation>
    </message>
    <message>
        <source>Open the caller&apos;s contact to schedule a check-in.</source>
        <translation>Abre el contacto de la persona para programar un seguimiento.</translation>
    </message>
    <message>
        <source>Ask the caller first: tick that they asked for it and agree.</source>
        <translation>Pregunta primero: marca que la persona lo pidió y está de acuerdo.</translation>
    </message>
    <message>
        <source>Say why, for whoever takes it.</source>
        <translation>Indica el motivo, para quien lo atienda.</translation>
    </message>
    <message>
        <source>Scheduling…</source>
        <translation>Programando…</translation>
    </message>
    <message>
        <source>Scheduled. The first is on %1 (their time).</source>
        <translation>Programado. El primero es el %1 (su hora).</translation>
    </message>
    <message>
        <source>the caller asked</source>
        <translation>la persona lo pidió</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Detenido.</translation>
    </message>
    <message>
        <source>A check-in the caller asks for: a text or a call at their time. Whoever is on shift then sees it in the queue with why, and texts or calls first.</source>
        <translation>Un seguimiento que pide la persona: un mensaje o una llamada a la hora que elija. Quien esté de turno lo verá en la cola con el motivo y escribirá o llamará primero.</translation>
    </message>
    <message>
        <source>A text</source>
        <translation>Un mensaje</translation>
    </message>
    <message>
        <source>A call (the line rings you first, then the caller)</source>
        <translation>Una llamada (la línea le llama primero a usted y luego a la persona)</translation>
    </message>
    <message>
        <source>A text or a call</source>
        <translation>Un mensaje o una llamada</translation>
    </message>
    <message>
        <source>&amp;By</source>
        <translation>&amp;Por</translation>
    </message>
    <message>
        <source>The caller asked for this and &amp;agrees to be contacted</source>
        <translation>La persona lo pidió y &amp;acepta que la contactemos</translation>
    </message>
    <message>
        <source>The caller asked for this and agrees to be contacted</source>
        <translation>La persona lo pidió y acepta que la contactemos</translation>
    </message>
</context>
<context>
    <name>warmline::app::CoachWindow</name>
    <message>
        <source>Watching %1 — Warmline</source>
        <translation>Leyendo %1 — Warmline</translation>
    </message>
    <message>
        <source>Watching a conversation</source>
        <translation>Leyendo una conversación</translation>
    </message>
    <message>
        <source>%1, held by %2. You are reading it; %2 is told. Nothing you write here reaches the texter.</source>
        <translation>%1, atendida por %2. La estás leyendo; %2 lo sabe. Nada de lo que escribas aquí le llega a la persona que escribe.</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Coaching notes to %1 (only they see them)</source>
        <translation>Notas de acompañamiento para %1 (solo esa persona las ve)</translation>
    </message>
    <message>
        <source>Coaching notes</source>
        <translation>Notas de acompañamiento</translation>
    </message>
    <message>
        <source>A word for %1…</source>
        <translation>Unas palabras para %1…</translation>
    </message>
    <message>
        <source>Coaching note</source>
        <translation>Nota de acompañamiento</translation>
    </message>
    <message>
        <source>&amp;Send to %1</source>
        <translation>&amp;Enviar a %1</translation>
    </message>
    <message>
        <source>&amp;Ask to take over</source>
        <translation>&amp;Pedir la conversación</translation>
    </message>
    <message>
        <source>%1 is asked to hand this conversation to you</source>
        <translation>Se le pide a %1 que te pase esta conversación</translation>
    </message>
    <message>
        <source>Take over &amp;now (escalation)</source>
        <translation>Tomarla &amp;ya (escalamiento)</translation>
    </message>
    <message>
        <source>Without asking; only for a contact in an escalation</source>
        <translation>Sin pedirla; solo para un contacto en escalamiento</translation>
    </message>
    <message>
        <source>Stop &amp;watching</source>
        <translation>&amp;Dejar de leer</translation>
    </message>
    <message>
        <source>Watching messages</source>
        <translation>Mensajes de la lectura</translation>
    </message>
    <message>
        <source>Reading. %1 knows.</source>
        <translation>Leyendo. %1 lo sabe.</translation>
    </message>
    <message>
        <source>Note sent to %1.</source>
        <translation>Nota enviada a %1.</translation>
    </message>
    <message>
        <source>Asked %1 to hand the conversation to you; waiting for their answer.</source>
        <translation>Le pediste a %1 que te pase la conversación; esperando su respuesta.</translation>
    </message>
    <message>
        <source>%1 agreed: the conversation is yours, in My contacts.</source>
        <translation>%1 aceptó: la conversación es tuya, en Mis contactos.</translation>
    </message>
    <message>
        <source>%1 would rather keep the conversation.</source>
        <translation>%1 prefiere seguir con la conversación.</translation>
    </message>
    <message>
        <source>The conversation was closed.</source>
        <translation>La conversación se cerró.</translation>
    </message>
    <message>
        <source>The conversation went back to the queue.</source>
        <translation>La conversación volvió a la fila.</translation>
    </message>
    <message>
        <source>You hold this conversation now; it is in My contacts.</source>
        <translation>Ahora atiendes tú esta conversación; está en Mis contactos.</translation>
    </message>
    <message>
        <source>%1 holds this conversation now.</source>
        <translation>Ahora %1 atiende esta conversación.</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
</context>
<context>
    <name>warmline::app::Codes</name>
    <message>
        <source>Supported</source>
        <translation>Se brindó apoyo</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>Se derivó</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Escalado</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Se desconectó</translation>
    </message>
    <message>
        <source>Inappropriate</source>
        <translation>Uso inapropiado</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>Somewhat</source>
        <translation>Un poco</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation>No sé</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Concern</source>
        <translation>Preocupación</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alto</translation>
    </message>
    <message>
        <source>Imminent</source>
        <translation>Inminente</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Activado</translation>
    </message>
    <message>
        <source>Level raised</source>
        <translation>Subió el nivel</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>Visto</translation>
    </message>
    <message>
        <source>Screener</source>
        <translation>Preguntas de detección</translation>
    </message>
    <message>
        <source>Safety plan</source>
        <translation>Plan de seguridad</translation>
    </message>
    <message>
        <source>Transfer started</source>
        <translation>Transferencia iniciada</translation>
    </message>
    <message>
        <source>Transfer done</source>
        <translation>Transferencia hecha</translation>
    </message>
    <message>
        <source>Transfer failed</source>
        <translation>Transferencia fallida</translation>
    </message>
    <message>
        <source>Texter confirmed</source>
        <translation>La persona confirmó</translation>
    </message>
    <message>
        <source>Texter left</source>
        <translation>La persona se fue</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>Emergencia</translation>
    </message>
    <message>
        <source>Lead acknowledged</source>
        <translation>Líder confirmó</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <source>Keep supporting</source>
        <translation>Seguir apoyando</translation>
    </message>
    <message>
        <source>Warm transfer</source>
        <translation>Transferencia acompañada</translation>
    </message>
    <message>
        <source>No action</source>
        <translation>Sin acción</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierto</translation>
    </message>
</context>
<context>
    <name>warmline::app::CommentListModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
</context>
<context>
    <name>warmline::app::ConversationModel</name>
    <message>
        <source>Line (automatic)</source>
        <translation>Línea (automática)</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Tú</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Not sent yet — kept on this computer, will send when back online</source>
        <translation>Aún sin enviar — guardado en esta computadora; se enviará al volver la conexión</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Sin enviar</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 at %2: %3. %4</source>
        <translation>%1 a las %2: %3. %4</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Entrega</translation>
    </message>
</context>
<context>
    <name>warmline::app::ConversationPanel</name>
    <message>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>Open contact</source>
        <translation>Contacto abierto</translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation>Datos del contacto</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Riesgo</translation>
    </message>
    <message>
        <source>No conversation open.

Accept the next contact (Ctrl+N) or choose one of yours on the left.</source>
        <translation>No hay ninguna conversación abierta.

Acepta el siguiente contacto (Ctrl+N) o elige uno de los tuyos a la izquierda.</translation>
    </message>
    <message>
        <source>No conversation open</source>
        <translation>Ninguna conversación abierta</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Write a reply… (Ctrl+Enter sends)</source>
        <translation>Escribe una respuesta… (Ctrl+Enter la envía)</translation>
    </message>
    <message>
        <source>Quick replies</source>
        <translation>Respuestas rápidas</translation>
    </message>
    <message>
        <source>Insert a prepared reply (Ctrl+/)</source>
        <translation>Insertar una respuesta preparada (Ctrl+/)</translation>
    </message>
    <message>
        <source>Text length</source>
        <translation>Largo del texto</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Enviar respuesta</translation>
    </message>
    <message>
        <source>Send the reply (Ctrl+Enter)</source>
        <translation>Enviar la respuesta (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>%1 · %2 · since %3</source>
        <translation>%1 · %2 · desde las %3</translation>
    </message>
    <message>
        <source>This line has no quick replies</source>
        <translation>Esta línea no tiene respuestas rápidas</translation>
    </message>
    <message>
        <source>Quick replies not available</source>
        <translation>Respuestas rápidas no disponibles</translation>
    </message>
    <message>
        <source>Quick replies are not available from this gateway yet</source>
        <translation>Este servidor todavía no ofrece respuestas rápidas</translation>
    </message>
    <message>
        <source> · Read by %1 (shift lead)</source>
        <translation> · La lee %1 (coordinación de turno)</translation>
    </message>
</context>
<context>
    <name>warmline::app::DebriefDialog</name>
    <message>
        <source>Debrief for a supervisor</source>
        <translation>Informe para supervisión</translation>
    </message>
    <message>
        <source>How did it go, and is anything weighing on you? A few lines are enough. A supervisor reads it with the contact&apos;s record; it is never shown to the caller.</source>
        <translation>¿Cómo te fue? ¿Hay algo que te pese? Bastan unas líneas. Una persona supervisora lo lee junto al registro del contacto; nunca se muestra a quien llamó.</translation>
    </message>
    <message>
        <source>Debrief</source>
        <translation>Informe</translation>
    </message>
    <message>
        <source>Why it was not sent</source>
        <translation>Por qué no se envió</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <source>Send the debrief</source>
        <translation>Enviar el informe</translation>
    </message>
    <message>
        <source>Write a few words first, or close this window.</source>
        <translation>Escribe unas palabras primero, o cierra esta ventana.</translation>
    </message>
    <message>
        <source>A debrief is at most %1 bytes; shorten it a little.</source>
        <translation>Un informe tiene como máximo %1 bytes; acórtalo un poco.</translation>
    </message>
    <message>
        <source>Not sent: %1 Your words are kept.</source>
        <translation>No se envió: %1 Tus palabras se guardan.</translation>
    </message>
    <message>
        <source>Your debrief was sent to the supervisors.</source>
        <translation>Tu informe se envió a supervisión.</translation>
    </message>
</context>
<context>
    <name>warmline::app::EscalationModel</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Origen: %1</translation>
    </message>
    <message>
        <source>; signals: %1</source>
        <translation>; señales: %1</translation>
    </message>
    <message>
        <source>Risk engine</source>
        <translation>Detector de riesgo</translation>
    </message>
    <message>
        <source>Escalation opened (%1)</source>
        <translation>Escalamiento abierto (%1)</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>Sigue abierto</translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation>Cerrado: %1</translation>
    </message>
    <message>
        <source>no outcome recorded</source>
        <translation>sin resultado registrado</translation>
    </message>
</context>
<context>
    <name>warmline::app::EscalationPanel</name>
    <message>
        <source>Escalation form</source>
        <translation>Formulario de escalamiento</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Emergency (911)</source>
        <translation>Emergencia (911)</translation>
    </message>
    <message>
        <source>1. Keep the person talking; do not leave the conversation.
2. Ask where they are right now, and who is with them.
3. Tell your shift lead; they or you call 911 from the line&apos;s phone.
4. Give 911 the location and what is happening. Stay until help arrives.</source>
        <translation>1. Sigue hablando con la persona; no dejes la conversación.
2. Pregúntale dónde está ahora mismo y quién está con ella.
3. Avisa a tu líder de turno; tú o tu líder llaman al 911 desde el teléfono de la línea.
4. Da al 911 la ubicación y lo que está pasando. Quédate hasta que llegue la ayuda.</translation>
    </message>
    <message>
        <source>Emergency steps</source>
        <translation>Pasos de emergencia</translation>
    </message>
    <message>
        <source>Location / address</source>
        <translation>Ubicación / dirección</translation>
    </message>
    <message>
        <source>Cross streets, landmarks</source>
        <translation>Calles cercanas, puntos de referencia</translation>
    </message>
    <message>
        <source>Who is with them</source>
        <translation>Quién está con la persona</translation>
    </message>
    <message>
        <source>What is happening</source>
        <translation>Qué está pasando</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <source>Close escalation</source>
        <translation>Cerrar escalamiento</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Required when nothing was done: why not?</source>
        <translation>Obligatorio si no se hizo nada: ¿por qué no?</translation>
    </message>
    <message>
        <source>Crisis escalation</source>
        <translation>Escalamiento de crisis</translation>
    </message>
    <message>
        <source>Escalation level</source>
        <translation>Nivel de escalamiento</translation>
    </message>
    <message>
        <source>What raised it</source>
        <translation>Qué lo activó</translation>
    </message>
    <message>
        <source>Ask directly, in your own words, and record each answer:</source>
        <translation>Pregunta directamente, con tus propias palabras, y registra cada respuesta:</translation>
    </message>
    <message>
        <source>Screener questions</source>
        <translation>Preguntas de detección</translation>
    </message>
    <message>
        <source>Are you in danger right now? (has taken something, has the means in hand, or someone else is in danger)</source>
        <translation>¿Estás en peligro ahora mismo? (tomó algo, tiene los medios a la mano, u otra persona está en peligro)</translation>
    </message>
    <message>
        <source>1. In the past month, have you wished you were dead, or wished you could go to sleep and not wake up?</source>
        <translation>1. En el último mes, ¿has deseado estar muerto/a, o poder dormirte y no despertar?</translation>
    </message>
    <message>
        <source>2. In the past month, have you had any thoughts of killing yourself?</source>
        <translation>2. En el último mes, ¿has tenido pensamientos de quitarte la vida?</translation>
    </message>
    <message>
        <source>3. Have you been thinking about how you might do this?</source>
        <translation>3. ¿Has pensado en cómo podrías hacerlo?</translation>
    </message>
    <message>
        <source>4. Have you had these thoughts and had some intention of acting on them?</source>
        <translation>4. ¿Has tenido estos pensamientos con alguna intención de llevarlos a cabo?</translation>
    </message>
    <message>
        <source>5. Have you started to work out, or worked out, the details of how to kill yourself? Do you intend to carry out this plan?</source>
        <translation>5. ¿Has empezado a planear, o ya planeaste, los detalles de cómo quitarte la vida? ¿Tienes la intención de llevar a cabo ese plan?</translation>
    </message>
    <message>
        <source>6. Have you ever done anything, started to do anything, or prepared to do anything to end your life?</source>
        <translation>6. ¿Alguna vez has hecho algo, empezado a hacer algo o te has preparado para hacer algo para terminar con tu vida?</translation>
    </message>
    <message>
        <source>    If yes: was it in the past three months?</source>
        <translation>    Si es así: ¿fue en los últimos tres meses?</translation>
    </message>
    <message>
        <source>Record answers</source>
        <translation>Registrar respuestas</translation>
    </message>
    <message>
        <source>Save the answers given so far</source>
        <translation>Guardar las respuestas dadas hasta ahora</translation>
    </message>
    <message>
        <source>Recommended action</source>
        <translation>Acción recomendada</translation>
    </message>
    <message>
        <source>Safety plan…</source>
        <translation>Plan de seguridad…</translation>
    </message>
    <message>
        <source>Warm transfer</source>
        <translation>Transferencia acompañada</translation>
    </message>
    <message>
        <source>Connect the person with a crisis line; you stay with them</source>
        <translation>Conectar a la persona con una línea de crisis; tú te quedas con ella</translation>
    </message>
    <message>
        <source>They reached the line</source>
        <translation>Ya llegó a la línea</translation>
    </message>
    <message>
        <source>The texter confirmed the crisis line has them</source>
        <translation>La persona confirmó por texto que la línea de crisis ya la atiende</translation>
    </message>
    <message>
        <source>Emergency (911)…</source>
        <translation>Emergencia (911)…</translation>
    </message>
    <message>
        <source>Immediate danger: the emergency steps and the person&apos;s location</source>
        <translation>Peligro inmediato: los pasos de emergencia y la ubicación de la persona</translation>
    </message>
    <message>
        <source>Close escalation…</source>
        <translation>Cerrar escalamiento…</translation>
    </message>
    <message>
        <source>Record the outcome and close</source>
        <translation>Registrar el resultado y cerrar</translation>
    </message>
    <message>
        <source>Leave the call</source>
        <translation>Salir de la llamada</translation>
    </message>
    <message>
        <source>The crisis counsellor has the caller: hang up your side only</source>
        <translation>La consejería de crisis ya atiende a la persona: cuelga solo de tu lado</translation>
    </message>
    <message>
        <source>Warm transfer: what will happen</source>
        <translation>Transferencia acompañada: qué va a pasar</translation>
    </message>
    <message>
        <source>What the transfer does</source>
        <translation>Qué hace la transferencia</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Start the warm transfer as described</source>
        <translation>Iniciar la transferencia acompañada como se describe</translation>
    </message>
    <message>
        <source>Do not start the transfer</source>
        <translation>No iniciar la transferencia</translation>
    </message>
    <message>
        <source>Escalation problem</source>
        <translation>Problema con el escalamiento</translation>
    </message>
    <message>
        <source>Escalation steps</source>
        <translation>Pasos del escalamiento</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Yes: %1</source>
        <translation>Sí: %1</translation>
    </message>
    <message>
        <source>No: %1</source>
        <translation>No: %1</translation>
    </message>
    <message>
        <source>the person</source>
        <translation>la persona</translation>
    </message>
    <message>
        <source>This text goes to %1 now, then you stay with them until they reach %2:
“%3”</source>
        <translation>Este mensaje le llega ahora a %1; después te quedas con la persona hasta que llegue a %2:
“%3”</translation>
    </message>
    <message>
        <source>Send the text</source>
        <translation>Enviar el mensaje</translation>
    </message>
    <message>
        <source>The line calls %1 and joins them to this call; you stay on until their counsellor has %2.</source>
        <translation>La línea llama a %1 y la une a esta llamada; tú sigues en la llamada hasta que su consejería atienda a %2.</translation>
    </message>
    <message>
        <source>Call %1</source>
        <translation>Llamar a %1</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>Escalamiento</translation>
    </message>
    <message>
        <source>%1 — stay with them and follow the steps below</source>
        <translation>%1 — quédate con la persona y sigue los pasos de abajo</translation>
    </message>
    <message>
        <source>%1 — check in directly</source>
        <translation>%1 — pregunta directamente cómo está</translation>
    </message>
    <message>
        <source>Opened by hand.</source>
        <translation>Abierto manualmente.</translation>
    </message>
    <message>
        <source>Opened by hand: %1</source>
        <translation>Abierto manualmente: %1</translation>
    </message>
    <message>
        <source>What raised it: %1</source>
        <translation>Qué lo activó: %1</translation>
    </message>
    <message>
        <source>The answers call for: %1</source>
        <translation>Las respuestas indican: %1</translation>
    </message>
    <message>
        <source>No answers recorded yet.</source>
        <translation>Todavía no hay respuestas registradas.</translation>
    </message>
    <message>
        <source>%1 — takes calls only, not texts</source>
        <translation>%1 — solo atiende llamadas, no mensajes de texto</translation>
    </message>
    <message>
        <source>%1 — takes texts only, not calls</source>
        <translation>%1 — solo atiende mensajes de texto, no llamadas</translation>
    </message>
    <message>
        <source>Make the safety plan with the person, in their words</source>
        <translation>Hacer el plan de seguridad con la persona, en sus palabras</translation>
    </message>
</context>
<context>
    <name>warmline::app::FeedbackDialog</name>
    <message>
        <source>Feedback from supervisors</source>
        <translation>Comentarios de supervisión</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Comentarios</translation>
    </message>
    <message>
        <source>Comments supervisors left on contacts you handled. Unread ones are in bold.</source>
        <translation>Comentarios que dejó el equipo de supervisión sobre contactos que atendiste. Los que no has leído están en negrita.</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Comentarios</translation>
    </message>
    <message>
        <source>The comment</source>
        <translation>El comentario</translation>
    </message>
    <message>
        <source>%1 on %2 (%3):
%4</source>
        <translation>%1 sobre %2 (%3):
%4</translation>
    </message>
</context>
<context>
    <name>warmline::app::InterpreterButton</name>
    <message>
        <source>&amp;Interpreter…</source>
        <translation>&amp;Intérprete…</translation>
    </message>
    <message>
        <source>Call an interpreter into this call</source>
        <translation>Llamar a un intérprete a esta llamada</translation>
    </message>
    <message>
        <source>Another language</source>
        <translation>Otro idioma</translation>
    </message>
    <message>
        <source>Calling the interpreter: %1</source>
        <translation>Llamando al intérprete: %1</translation>
    </message>
    <message>
        <source>Interpreter on the call: %1</source>
        <translation>Intérprete en la llamada: %1</translation>
    </message>
    <message>
        <source>End &amp;interpreter</source>
        <translation>Terminar &amp;intérprete</translation>
    </message>
    <message>
        <source>Hang up the interpreter; the call goes on</source>
        <translation>Colgar al intérprete; la llamada sigue</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The interpreter was not reached: %1</source>
        <translation>No se pudo comunicar con el intérprete: %1</translation>
    </message>
    <message>
        <source>The interpreter has left the call.</source>
        <translation>El intérprete salió de la llamada.</translation>
    </message>
</context>
<context>
    <name>warmline::app::LeadNoticeBar</name>
    <message>
        <source>Message from the shift lead</source>
        <translation>Mensaje de tu líder de turno</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Cerrar aviso</translation>
    </message>
    <message>
        <source>%1 to everyone on shift, %2: %3</source>
        <translation>%1 a todo el turno, %2: %3</translation>
    </message>
    <message>
        <source>%1 to you, %2: %3</source>
        <translation>%1 para ti, %2: %3</translation>
    </message>
    <message>
        <source>%1 gave you %2; it is in My contacts.</source>
        <translation>%1 te asignó a %2; está en Mis contactos.</translation>
    </message>
    <message>
        <source>⚠ Unacknowledged alert for everyone on shift: %1</source>
        <translation>⚠ Alerta sin confirmar para todo el turno: %1</translation>
    </message>
    <message>
        <source>Hand it &amp;over</source>
        <translation>&amp;Pasarla</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>&amp;Seguir con ella</translation>
    </message>
    <message>
        <source>You kept the conversation; the lead is told.</source>
        <translation>Sigues con la conversación; la coordinación lo sabe.</translation>
    </message>
    <message>
        <source>%1 (shift lead) is reading your conversation with %2, to support you. The texter does not see this.</source>
        <translation>%1 (coordinación de turno) está leyendo tu conversación con %2 para apoyarte. La persona que escribe no lo ve.</translation>
    </message>
    <message>
        <source>A lead</source>
        <translation>Alguien de coordinación</translation>
    </message>
    <message>
        <source>%1 stopped reading your conversation with %2.</source>
        <translation>%1 dejó de leer tu conversación con %2.</translation>
    </message>
    <message>
        <source>The lead</source>
        <translation>La coordinación</translation>
    </message>
    <message>
        <source>Coaching from %1 on %2, %3 (only you see this): %4</source>
        <translation>Acompañamiento de %1 sobre %2, %3 (solo tú lo ves): %4</translation>
    </message>
    <message>
        <source>%1 asks to take over your conversation with %2.</source>
        <translation>%1 pide que le pases tu conversación con %2.</translation>
    </message>
    <message>
        <source>%1 took over your conversation with %2; it has left My contacts.</source>
        <translation>%1 tomó tu conversación con %2; ya no está en Mis contactos.</translation>
    </message>
    <message>
        <source>%1 is assigning new contacts by hand for now (switchboard); those wait for the lead, and what they give you arrives in My contacts.</source>
        <translation>%1 está asignando a mano los contactos nuevos por ahora (centralita); esos esperan a la coordinación, y lo que te asigne llega a Mis contactos.</translation>
    </message>
    <message>
        <source>%1 ended the switchboard; take contacts from the queue as usual.</source>
        <translation>%1 terminó la centralita; toma contactos de la fila como siempre.</translation>
    </message>
    <message>
        <source>The lead who asked to take over your conversation with %1 has signed out; it stays with you.</source>
        <translation>Quien pidió tomar tu conversación con %1 cerró su sesión; la conversación sigue contigo.</translation>
    </message>
    <message>
        <source>%1 (shift lead) has left your call with %2.</source>
        <translation>%1 (coordinación) salió de tu llamada con %2.</translation>
    </message>
    <message>
        <source>%1 (shift lead) is whispering to you on your call with %2; the caller does not hear them.</source>
        <translation>%1 (coordinación) te está hablando en tu llamada con %2; la persona que llama no la oye.</translation>
    </message>
    <message>
        <source>%1 (shift lead) has joined your call with %2; the caller hears them.</source>
        <translation>%1 (coordinación) se unió a tu llamada con %2; la persona que llama la oye.</translation>
    </message>
    <message>
        <source>%1 (shift lead) is listening to your call with %2, to support you. The caller does not hear them.</source>
        <translation>%1 (coordinación) está escuchando tu llamada con %2 para apoyarte. La persona que llama no la oye.</translation>
    </message>
    <message>
        <source>%1 switched overflow on: people waiting are pointed to %2 too; the queue goes on as usual.</source>
        <translation>%1 activó el desvío: a quienes esperan también se les indica %2; la fila sigue como siempre.</translation>
    </message>
    <message>
        <source>%1 switched overflow to %2 off.</source>
        <translation>%1 desactivó el desvío a %2.</translation>
    </message>
</context>
<context>
    <name>warmline::app::LevelMeter</name>
    <message>
        <source>silent</source>
        <translation>silencio</translation>
    </message>
    <message>
        <source>sound</source>
        <translation>sonido</translation>
    </message>
</context>
<context>
    <name>warmline::app::LineSettingsModel</name>
    <message>
        <source>Opening hours</source>
        <translation>Horario de atención</translation>
    </message>
    <message>
        <source>Contacts per caller per day</source>
        <translation>Contactos por persona al día</translation>
    </message>
    <message>
        <source>Minutes per contact</source>
        <translation>Minutos por contacto</translation>
    </message>
    <message>
        <source>Target: answer within (seconds)</source>
        <translation>Meta: atender en (segundos)</translation>
    </message>
    <message>
        <source>Target: answered on time (%)</source>
        <translation>Meta: atendidos a tiempo (%)</translation>
    </message>
    <message>
        <source>Target: abandoned at most (%)</source>
        <translation>Meta: abandonos como máximo (%)</translation>
    </message>
    <message>
        <source>Target: handle time (minutes)</source>
        <translation>Meta: duración de la atención (minutos)</translation>
    </message>
    <message>
        <source>Keep messages and notes (days, 0 = forever)</source>
        <translation>Conservar mensajes y notas (días, 0 = siempre)</translation>
    </message>
    <message>
        <source>(always open)</source>
        <translation>(siempre abierta)</translation>
    </message>
    <message>
        <source>Changed, not saved</source>
        <translation>Cambiado, sin guardar</translation>
    </message>
    <message>
        <source>Set by %1, %2 (file: %3)</source>
        <translation>Puesto por %1, %2 (archivo: %3)</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>vacío</translation>
    </message>
    <message>
        <source>Config file</source>
        <translation>Archivo de configuración</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Predeterminado</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Ajuste</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Comes from</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Tell operators when a lead listens to their call (true or false)</source>
        <translation>Avisar a las personas operadoras cuando la coordinación escucha su llamada (true o false)</translation>
    </message>
    <message>
        <source>Show the caller&apos;s survey answer to the operator who took the contact (true or false)</source>
        <translation>Mostrar la respuesta de la persona a la encuesta a quien atendió el contacto (true o false)</translation>
    </message>
</context>
<context>
    <name>warmline::app::LinkConnection</name>
    <message>
        <source>The gateway address must look like ws://host:port/link.</source>
        <translation>La dirección del servidor debe tener la forma ws://host:puerto/link.</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
    <message>
        <source>The name or password is not right. Check both and try again.</source>
        <translation>El nombre o la contraseña no son correctos. Revisa ambos e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>Too many sign-in attempts. Wait a minute, then try again.</source>
        <translation>Demasiados intentos de inicio de sesión. Espera un minuto y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Too many sign-in attempts. %1</source>
        <translation>Demasiados intentos de inicio de sesión. %1</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Tu sesión terminó. Vuelve a iniciar sesión, por favor.</translation>
    </message>
    <message>
        <source>The gateway could not save that just now; nothing changed. Please try again.</source>
        <translation>El servidor no pudo guardarlo en este momento; no cambió nada. Inténtalo de nuevo, por favor.</translation>
    </message>
    <message>
        <source>Something went wrong in the gateway (it has been logged). Please try again, or tell your shift lead.</source>
        <translation>Algo salió mal en el servidor (quedó registrado). Inténtalo de nuevo o avisa a tu líder de turno.</translation>
    </message>
    <message>
        <source>The gateway did not answer in time. Please try again.</source>
        <translation>El servidor no respondió a tiempo. Inténtalo de nuevo, por favor.</translation>
    </message>
    <message>
        <source>You are not connected to the gateway right now.</source>
        <translation>Ahora mismo no tienes conexión con el servidor.</translation>
    </message>
    <message>
        <source>This version of Warmline does not match the gateway. Ask your administrator to update it.</source>
        <translation>Esta versión de Warmline no coincide con la del servidor. Pide a tu administrador que la actualice.</translation>
    </message>
    <message>
        <source>This gateway does not offer that yet.</source>
        <translation>Este servidor todavía no ofrece eso.</translation>
    </message>
    <message>
        <source>Your role or presence does not allow that right now.</source>
        <translation>Tu rol o tu estado no lo permiten en este momento.</translation>
    </message>
    <message>
        <source>Someone else got there first, or the contact has moved on.</source>
        <translation>Alguien más llegó primero, o el contacto ya cambió.</translation>
    </message>
    <message>
        <source>You are holding as many contacts as you can take.</source>
        <translation>Ya tienes todos los contactos que puedes atender.</translation>
    </message>
    <message>
        <source>That contact is no longer there.</source>
        <translation>Ese contacto ya no está.</translation>
    </message>
    <message>
        <source>The gateway refused the request.</source>
        <translation>El servidor rechazó la solicitud.</translation>
    </message>
    <message>
        <source>Cannot reach the gateway at %1. Check the address and your network.</source>
        <translation>No se puede conectar con el servidor en %1. Revisa la dirección y tu red.</translation>
    </message>
    <message>
        <source>The secure connection to the gateway failed. Ask your administrator to check its certificate.</source>
        <translation>Falló la conexión segura con el servidor. Pide a tu administrador que revise su certificado.</translation>
    </message>
    <message>
        <source>The gateway closed the connection.</source>
        <translation>El servidor cerró la conexión.</translation>
    </message>
    <message>
        <source>The connection to the gateway failed (%1).</source>
        <translation>Falló la conexión con el servidor (%1).</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate could not be trusted (%1). Do not continue; ask your administrator.</source>
        <translation>No se puede confiar en el certificado del servidor (%1). No continúes; consulta a tu administrador.</translation>
    </message>
</context>
<context>
    <name>warmline::app::ListenWindow</name>
    <message>
        <source>On the call with %1 — Warmline</source>
        <translation>En la llamada con %1 — Warmline</translation>
    </message>
    <message>
        <source>On a call as shift lead</source>
        <translation>En una llamada como coordinación</translation>
    </message>
    <message>
        <source>The call with %1, held by %2. Your phone rings and joins the call; %2 is told.</source>
        <translation>La llamada con %1, atendida por %2. Tu teléfono suena y se une a la llamada; %2 recibe un aviso.</translation>
    </message>
    <message>
        <source>&amp;Listen</source>
        <translation>&amp;Escuchar</translation>
    </message>
    <message>
        <source>You hear both; nobody hears you</source>
        <translation>Oyes a ambos; nadie te oye</translation>
    </message>
    <message>
        <source>&amp;Whisper to %1</source>
        <translation>&amp;Susurrar a %1</translation>
    </message>
    <message>
        <source>%1 hears you; the caller does not</source>
        <translation>%1 te oye; la persona que llama no</translation>
    </message>
    <message>
        <source>&amp;Barge in</source>
        <translation>&amp;Intervenir</translation>
    </message>
    <message>
        <source>Everyone on the call hears you</source>
        <translation>Todos en la llamada te oyen</translation>
    </message>
    <message>
        <source>&amp;Hang up my line</source>
        <translation>&amp;Colgar mi línea</translation>
    </message>
    <message>
        <source>Call status</source>
        <translation>Estado de la llamada</translation>
    </message>
    <message>
        <source>Switching…</source>
        <translation>Cambiando…</translation>
    </message>
    <message>
        <source>Ringing your phone…</source>
        <translation>Sonando tu teléfono…</translation>
    </message>
    <message>
        <source>Your line has left the call.</source>
        <translation>Tu línea salió de la llamada.</translation>
    </message>
    <message>
        <source>Your line has left the call: %1</source>
        <translation>Tu línea salió de la llamada: %1</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>Whispering: %1 hears you; the caller does not.</source>
        <translation>Susurro: %1 te oye; la persona que llama no.</translation>
    </message>
    <message>
        <source>On the call: everyone hears you.</source>
        <translation>En la llamada: todos te oyen.</translation>
    </message>
    <message>
        <source>Listening: you hear both; nobody hears you.</source>
        <translation>Escuchando: oyes a ambos; nadie te oye.</translation>
    </message>
</context>
<context>
    <name>warmline::app::LoginDialog</name>
    <message>
        <source>Sign in to Warmline</source>
        <translation>Iniciar sesión en Warmline</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Warmline</source>
        <translation>Warmline</translation>
    </message>
    <message>
        <source>Peer support warmline — sign in to start your shift.</source>
        <translation>Línea de apoyo entre pares — inicia sesión para empezar tu turno.</translation>
    </message>
    <message>
        <source>Gateway address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Tu nombre</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>&amp;Gateway:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation>Problema al iniciar sesión</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Enter the gateway&apos;s address, for example ws://gateway.local:8080/link.</source>
        <translation>Escribe la dirección del servidor, por ejemplo ws://gateway.local:8080/link.</translation>
    </message>
    <message>
        <source>Enter your name and password.</source>
        <translation>Escribe tu nombre y tu contraseña.</translation>
    </message>
</context>
<context>
    <name>warmline::app::MainWindow</name>
    <message>
        <source>Warmline</source>
        <translation>Warmline</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Área de trabajo</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>My contacts</source>
        <translation>Mis contactos</translation>
    </message>
    <message>
        <source>Caller and crisis steps</source>
        <translation>Persona y pasos de crisis</translation>
    </message>
    <message>
        <source>Caller details</source>
        <translation>Datos de la persona</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Crisis steps</source>
        <translation>Pasos de crisis</translation>
    </message>
    <message>
        <source>Messages from Warmline</source>
        <translation>Mensajes de Warmline</translation>
    </message>
    <message>
        <source>Warmline · %1</source>
        <translation>Warmline · %1</translation>
    </message>
    <message>
        <source>Shift header</source>
        <translation>Encabezado del turno</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>Sesión de</translation>
    </message>
    <message>
        <source>&amp;Presence:</source>
        <translation>&amp;Estado:</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>On break</source>
        <translation>En descanso</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <source>Busy (at capacity)</source>
        <translation>Ocupado (capacidad llena)</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <source>Time in presence</source>
        <translation>Tiempo en este estado</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Aceptar</translation>
    </message>
    <message>
        <source>Accept &amp;next</source>
        <translation>Aceptar el &amp;siguiente</translation>
    </message>
    <message>
        <source>&amp;Wrap up…</source>
        <translation>&amp;Cierre…</translation>
    </message>
    <message>
        <source>&amp;Release to queue</source>
        <translation>&amp;Devolver a la fila</translation>
    </message>
    <message>
        <source>&amp;Escalate…</source>
        <translation>&amp;Escalar…</translation>
    </message>
    <message>
        <source>Re&amp;try failed text</source>
        <translation>Rein&amp;tentar el mensaje fallido</translation>
    </message>
    <message>
        <source>&amp;Shift</source>
        <translation>&amp;Turno</translation>
    </message>
    <message>
        <source>Set &amp;available</source>
        <translation>Ponerme &amp;disponible</translation>
    </message>
    <message>
        <source>Take a &amp;break</source>
        <translation>Tomar un desc&amp;anso</translation>
    </message>
    <message>
        <source>Go &amp;offline</source>
        <translation>Desc&amp;onectarme</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>Sign o&amp;ut</source>
        <translation>Cerrar se&amp;sión</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Sa&amp;lir</translation>
    </message>
    <message>
        <source>&amp;Contact</source>
        <translation>&amp;Contacto</translation>
    </message>
    <message>
        <source>&amp;Quick replies</source>
        <translation>&amp;Respuestas rápidas</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Shift &amp;board</source>
        <translation>&amp;Tablero del turno</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Fila</translation>
    </message>
    <message>
        <source>&amp;My contacts</source>
        <translation>&amp;Mis contactos</translation>
    </message>
    <message>
        <source>&amp;Reply box</source>
        <translation>Cuadro de &amp;respuesta</translation>
    </message>
    <message>
        <source>&amp;Caller details</source>
        <translation>&amp;Datos de la persona</translation>
    </message>
    <message>
        <source>open crisis escalation</source>
        <translation>escalamiento de crisis abierto</translation>
    </message>
    <message>
        <source>%1 risk</source>
        <translation>riesgo: %1</translation>
    </message>
    <message>
        <source>in wrap-up</source>
        <translation>en cierre</translation>
    </message>
    <message>
        <source>• %1 (%2)</source>
        <translation>• %1 (%2)</translation>
    </message>
    <message>
        <source>• %1 (%2, %3)</source>
        <translation>• %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Close Warmline</source>
        <translation>Cerrar Warmline</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message numerus="yes">
        <source>You hold %n contact(s). Where should they go?</source>
        <translation>
            <numerusform>Tienes %n contacto. ¿A dónde debe ir?</numerusform>
            <numerusform>Tienes %n contactos. ¿A dónde deben ir?</numerusform>
        </translation>
    </message>
    <message>
        <source>Handed to the shift lead, a text stays with them: conversation, notes and any escalation. Calls always go back to the queue. With no lead on shift, everything goes back to the queue, at its risk level. A contact in wrap-up stays yours to finish unless the lead takes it.</source>
        <translation>Si lo pasas a tu líder de turno, un contacto de texto se queda con tu líder: conversación, notas y cualquier escalamiento. Las llamadas siempre vuelven a la fila. Si no hay líder en el turno, todo vuelve a la fila, con su nivel de riesgo. Un contacto en cierre sigue siendo tuyo para terminarlo, salvo que tu líder lo tome.</translation>
    </message>
    <message>
        <source>Hand texts to the shift lead</source>
        <translation>Pasar los textos a mi líder de turno</translation>
    </message>
    <message>
        <source>Return to the queue</source>
        <translation>Devolver a la fila</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>Seguir trabajando</translation>
    </message>
    <message>
        <source>Release %1?</source>
        <translation>¿Devolver a %1 a la fila?</translation>
    </message>
    <message>
        <source>%1 has an open crisis escalation.</source>
        <translation>%1 tiene un escalamiento de crisis abierto.</translation>
    </message>
    <message>
        <source>Releasing returns them to the queue, ahead of anyone at a lower risk, with the escalation still open: the next operator sees its steps, and the shift lead&apos;s alert stays until someone acts. The conversation and your notes stay on the contact.</source>
        <translation>Al devolverla, la persona vuelve a la fila antes que quienes tienen menos riesgo, con el escalamiento todavía abierto: quien la atienda después verá sus pasos, y la alerta de tu líder de turno sigue hasta que alguien actúe. La conversación y tus notas se quedan en el contacto.</translation>
    </message>
    <message>
        <source>Release to queue</source>
        <translation>Devolver a la fila</translation>
    </message>
    <message>
        <source>Keep them</source>
        <translation>Seguir con la persona</translation>
    </message>
    <message>
        <source>⚠ Crisis steps</source>
        <translation>⚠ Pasos de crisis</translation>
    </message>
    <message numerus="yes">
        <source>Queue — %n waiting</source>
        <translation>
            <numerusform>Fila — %n en espera</numerusform>
            <numerusform>Fila — %n en espera</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%1) Warmline — %n waiting</source>
        <translation>
            <numerusform>(%1) Warmline — %n en espera</numerusform>
            <numerusform>(%1) Warmline — %n en espera</numerusform>
        </translation>
    </message>
    <message>
        <source>Warmline — queue empty</source>
        <translation>Warmline — fila vacía</translation>
    </message>
    <message>
        <source>Connection lost — retrying in %1 s</source>
        <translation>Se perdió la conexión — reintentando en %1 s</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Sesión de %1</translation>
    </message>
    <message>
        <source>for %1</source>
        <translation>desde hace %1</translation>
    </message>
    <message>
        <source>00 h 00 min</source>
        <translation>00 h 00 min</translation>
    </message>
    <message>
        <source>Someone is waiting</source>
        <translation>Alguien está esperando</translation>
    </message>
    <message>
        <source>%1 joined the queue.</source>
        <translation>%1 entró a la fila.</translation>
    </message>
    <message>
        <source>Imminent risk</source>
        <translation>Riesgo inminente</translation>
    </message>
    <message>
        <source>Risk raised</source>
        <translation>Subió el riesgo</translation>
    </message>
    <message>
        <source>%1: %2. Open the contact and follow the steps.</source>
        <translation>%1: %2. Abre el contacto y sigue los pasos.</translation>
    </message>
    <message>
        <source>escalation opened</source>
        <translation>escalamiento abierto</translation>
    </message>
    <message>
        <source>Open a contact to escalate it.</source>
        <translation>Abre un contacto para escalarlo.</translation>
    </message>
    <message>
        <source>This contact already has an open escalation.</source>
        <translation>Este contacto ya tiene un escalamiento abierto.</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>Escalar</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>What you noticed</source>
        <translation>Lo que notaste</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Cr&amp;isis steps</source>
        <translation>Pasos de cr&amp;isis</translation>
    </message>
    <message>
        <source>No crisis steps are open for this contact.</source>
        <translation>Este contacto no tiene pasos de crisis abiertos.</translation>
    </message>
    <message>
        <source>Connection restored.</source>
        <translation>Conexión restablecida.</translation>
    </message>
    <message>
        <source>Connection lost. Reconnecting…</source>
        <translation>Se perdió la conexión. Reconectando…</translation>
    </message>
    <message>
        <source>Find a re&amp;source…</source>
        <translation>Buscar un re&amp;curso…</translation>
    </message>
    <message>
        <source>Caller&apos;s &amp;plan…</source>
        <translation>&amp;Plan de la persona…</translation>
    </message>
    <message>
        <source>Schedule a &amp;check-in…</source>
        <translation>Programar un s&amp;eguimiento…</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Phone connecting…</source>
        <translation>Conectando el teléfono…</translation>
    </message>
    <message>
        <source>Phone not connected: calls cannot reach this computer</source>
        <translation>Teléfono sin conexión: las llamadas no pueden llegar a este equipo</translation>
    </message>
    <message>
        <source>The softphone cannot connect to the gateway (%1). It keeps trying; calls you accept come back to the queue until it does.</source>
        <translation>El softphone no puede conectarse a la pasarela (%1). Sigue intentándolo; las llamadas que acepte vuelven a la cola hasta que lo consiga.</translation>
    </message>
    <message>
        <source>Phone connected.</source>
        <translation>Teléfono conectado.</translation>
    </message>
</context>
<context>
    <name>warmline::app::MessageDelegate</name>
    <message>
        <source>%1 — press Ctrl+R to retry</source>
        <translation>%1 — presiona Ctrl+R para reintentar</translation>
    </message>
</context>
<context>
    <name>warmline::app::MyContactsModel</name>
    <message>
        <source>No risk signs</source>
        <translation>Sin señales de riesgo</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Riesgo</translation>
    </message>
    <message>
        <source>Latest words</source>
        <translation>Último mensaje</translation>
    </message>
</context>
<context>
    <name>warmline::app::OperatorAdminModel</name>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Shift lead</source>
        <translation>Líder de turno</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Desactivada</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacidad</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
</context>
<context>
    <name>warmline::app::PlanDialog</name>
    <message>
        <source>Wellness toolbox</source>
        <translation>Caja de herramientas de bienestar</translation>
    </message>
    <message>
        <source>Daily maintenance</source>
        <translation>Mantenimiento diario</translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation>Detonantes</translation>
    </message>
    <message>
        <source>Early warning signs</source>
        <translation>Señales tempranas</translation>
    </message>
    <message>
        <source>When things are breaking down</source>
        <translation>Cuando las cosas empeoran</translation>
    </message>
    <message>
        <source>Crisis plan</source>
        <translation>Plan de crisis</translation>
    </message>
    <message>
        <source>After a crisis</source>
        <translation>Después de una crisis</translation>
    </message>
    <message>
        <source>Warning signs</source>
        <translation>Señales de alerta</translation>
    </message>
    <message>
        <source>Things I can do on my own</source>
        <translation>Lo que puedo hacer por mi cuenta</translation>
    </message>
    <message>
        <source>People and places that take my mind off things</source>
        <translation>Personas y lugares que me distraen</translation>
    </message>
    <message>
        <source>People I can ask for help</source>
        <translation>Personas a quienes puedo pedir ayuda</translation>
    </message>
    <message>
        <source>Professionals and crisis lines</source>
        <translation>Profesionales y líneas de crisis</translation>
    </message>
    <message>
        <source>Making my surroundings safe</source>
        <translation>Hacer seguro mi entorno</translation>
    </message>
    <message>
        <source>My reasons for living</source>
        <translation>Mis razones para vivir</translation>
    </message>
    <message>
        <source>Caller&apos;s plan</source>
        <translation>Plan de la persona</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Planes</translation>
    </message>
    <message>
        <source>&amp;Safety plan</source>
        <translation>Plan de &amp;seguridad</translation>
    </message>
    <message>
        <source>&amp;Wellness plan (WRAP)</source>
        <translation>Plan de &amp;bienestar (WRAP)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>In the caller&apos;s own words. Write what they say, not a summary; leave out what they do not want to fill in.</source>
        <translation>En las propias palabras de la persona. Escriba lo que dice, no un resumen; deje fuera lo que no quiera completar.</translation>
    </message>
    <message>
        <source>The caller&apos;s Wellness Recovery Action Plan, in their own words.</source>
        <translation>El Plan de Acción para la Recuperación del Bienestar de la persona, en sus propias palabras.</translation>
    </message>
    <message>
        <source>Plan sections</source>
        <translation>Secciones del plan</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <source>The caller agrees to keep this plan on file</source>
        <translation>La persona acepta que se guarde este plan</translation>
    </message>
    <message>
        <source>What the caller agreed to</source>
        <translation>Lo que la persona aceptó</translation>
    </message>
    <message>
        <source>Keep my safety plan on file so operators can go over it with me</source>
        <translation>Guarden mi plan de seguridad para que puedan repasarlo conmigo</translation>
    </message>
    <message>
        <source>Keep my wellness plan on file so operators can go over it with me</source>
        <translation>Guarden mi plan de bienestar para que puedan repasarlo conmigo</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Plan status</source>
        <translation>Estado del plan</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>Guardar el plan</translation>
    </message>
    <message>
        <source>Te&amp;xt it to them</source>
        <translation>&amp;Enviárselo por mensaje</translation>
    </message>
    <message>
        <source>Text the plan to the caller</source>
        <translation>Enviar el plan a la persona por mensaje</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Borrar…</translation>
    </message>
    <message>
        <source>Delete the plan</source>
        <translation>Borrar el plan</translation>
    </message>
    <message>
        <source>When the caller asks: the plan&apos;s words are deleted</source>
        <translation>Cuando la persona lo pide: se borran las palabras del plan</translation>
    </message>
    <message>
        <source>Saving records this plan in the crisis steps too. Keeping it on the caller&apos;s profile needs their consent.</source>
        <translation>Al guardar, este plan también queda en los pasos de crisis. Guardarlo en el perfil de la persona requiere su consentimiento.</translation>
    </message>
    <message>
        <source>Kept with the caller&apos;s consent (%1, recorded by %2 on %3): &quot;%4&quot;</source>
        <translation>Guardado con el consentimiento de la persona (%1, registrado por %2 el %3): «%4»</translation>
    </message>
    <message>
        <source>safety plan</source>
        <translation>plan de seguridad</translation>
    </message>
    <message>
        <source>wellness plan</source>
        <translation>plan de bienestar</translation>
    </message>
    <message>
        <source>Not on file: nothing is kept until the caller agrees.</source>
        <translation>No guardado: no se guarda nada hasta que la persona acepte.</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>agreed to keep it</source>
        <translation>aceptó guardarlo</translation>
    </message>
    <message>
        <source>Changes:</source>
        <translation>Cambios:</translation>
    </message>
    <message>
        <source>Send the saved plan to the texter</source>
        <translation>Enviar el plan guardado por mensaje</translation>
    </message>
    <message>
        <source>On a call, read the plan to the caller</source>
        <translation>En una llamada, lea el plan a la persona</translation>
    </message>
    <message>
        <source>Open the caller&apos;s contact to save their plan.</source>
        <translation>Abra el contacto de la persona para guardar su plan.</translation>
    </message>
    <message>
        <source>Nothing written yet.</source>
        <translation>Todavía no hay nada escrito.</translation>
    </message>
    <message>
        <source>Recorded in the crisis steps. Not kept on the caller&apos;s profile: they did not agree.</source>
        <translation>Registrado en los pasos de crisis. No se guarda en el perfil de la persona: no lo aceptó.</translation>
    </message>
    <message>
        <source>Ask the caller first: tick that they agree to keep it.</source>
        <translation>Pregunte primero a la persona: marque que acepta guardarlo.</translation>
    </message>
    <message>
        <source>Keep my plan on file</source>
        <translation>Guarden mi plan</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved on the caller&apos;s profile and recorded in the crisis steps.</source>
        <translation>Guardado en el perfil de la persona y registrado en los pasos de crisis.</translation>
    </message>
    <message>
        <source>Saved on the caller&apos;s profile.</source>
        <translation>Guardado en el perfil de la persona.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message numerus="yes">
        <source>Sent to the texter (%n message(s)).</source>
        <translation>
            <numerusform>Enviado por mensaje (%n mensaje).</numerusform>
            <numerusform>Enviado por mensaje (%n mensajes).</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete this plan because the caller asked? Its words are deleted and cannot be brought back.</source>
        <translation>¿Borrar este plan porque la persona lo pidió? Sus palabras se borran y no se pueden recuperar.</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Borrando…</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Borrado.</translation>
    </message>
</context>
<context>
    <name>warmline::app::QueueModel</name>
    <message>
        <source>No risk signs</source>
        <translation>Sin señales de riesgo</translation>
    </message>
    <message>
        <source>Waiting since %1</source>
        <translation>En espera desde las %1</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Espera</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Riesgo</translation>
    </message>
    <message>
        <source>Latest words</source>
        <translation>Mensaje</translation>
    </message>
</context>
<context>
    <name>warmline::app::Records</name>
    <message>
        <source>No risk signs in the texts so far.</source>
        <translation>Hasta ahora no hay señales de riesgo en los mensajes.</translation>
    </message>
    <message>
        <source>%1: raised by hand.</source>
        <translation>%1: marcado manualmente.</translation>
    </message>
    <message>
        <source>%1 — raised by:</source>
        <translation>%1 — lo activó:</translation>
    </message>
    <message>
        <source>Concern</source>
        <translation>Preocupación</translation>
    </message>
    <message>
        <source>High risk</source>
        <translation>Riesgo alto</translation>
    </message>
    <message>
        <source>Imminent</source>
        <translation>Inminente</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Ofrecido</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <source>Left the queue</source>
        <translation>Salió de la fila</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Ocupado</translation>
    </message>
    <message>
        <source>On break</source>
        <translation>En descanso</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En la fila</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Maybe sent — check with the caller before resending</source>
        <translation>Quizá se envió — confírmalo con la persona antes de reenviar</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>No entregado</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <source>Keep supporting</source>
        <translation>Seguir apoyando</translation>
    </message>
    <message>
        <source>Safety plan</source>
        <translation>Plan de seguridad</translation>
    </message>
    <message>
        <source>Warm transfer to a crisis line</source>
        <translation>Transferencia acompañada a una línea de crisis</translation>
    </message>
    <message>
        <source>Emergency (911)</source>
        <translation>Emergencia (911)</translation>
    </message>
    <message>
        <source>No action</source>
        <translation>Sin acción</translation>
    </message>
    <message>
        <source>raised %1 from a %2</source>
        <translation>activó %1 (origen: %2)</translation>
    </message>
    <message>
        <source>rose to %1</source>
        <translation>subió a %1</translation>
    </message>
    <message>
        <source>opened by hand</source>
        <translation>lo abrió manualmente</translation>
    </message>
    <message>
        <source>opened by hand: %1</source>
        <translation>lo abrió manualmente: %1</translation>
    </message>
    <message>
        <source>saw the prompt</source>
        <translation>vio el aviso</translation>
    </message>
    <message>
        <source>recorded the screener; it calls for: %1</source>
        <translation>registró las preguntas de detección; indican: %1</translation>
    </message>
    <message>
        <source>agreed a safety plan</source>
        <translation>acordó un plan de seguridad</translation>
    </message>
    <message>
        <source>started a warm transfer to %1</source>
        <translation>inició una transferencia acompañada a %1</translation>
    </message>
    <message>
        <source>left the call; the crisis line has the caller</source>
        <translation>salió de la llamada; la línea de crisis atiende a la persona</translation>
    </message>
    <message>
        <source>(the transfer failed: %1)</source>
        <translation>(la transferencia falló: %1)</translation>
    </message>
    <message>
        <source>recorded that the texter reached the crisis line</source>
        <translation>registró que la persona llegó a la línea de crisis</translation>
    </message>
    <message>
        <source>recorded that the texter left</source>
        <translation>registró que la persona se fue</translation>
    </message>
    <message>
        <source>followed the emergency (911) steps</source>
        <translation>siguió los pasos de emergencia (911)</translation>
    </message>
    <message>
        <source>(shift lead) acknowledged the alert</source>
        <translation>(líder de turno) confirmó la alerta</translation>
    </message>
    <message>
        <source>closed it: %1</source>
        <translation>lo cerró: %1</translation>
    </message>
    <message>
        <source>In danger right now</source>
        <translation>En peligro ahora mismo</translation>
    </message>
    <message>
        <source>Wished to be dead (past month)</source>
        <translation>Deseó estar muerto/a (último mes)</translation>
    </message>
    <message>
        <source>Thoughts of killing themselves (past month)</source>
        <translation>Pensamientos de quitarse la vida (último mes)</translation>
    </message>
    <message>
        <source>Thought about how</source>
        <translation>Pensó en cómo</translation>
    </message>
    <message>
        <source>Some intention of acting</source>
        <translation>Alguna intención de llevarlo a cabo</translation>
    </message>
    <message>
        <source>Worked out the details, intends to act</source>
        <translation>Planeó los detalles, tiene intención de llevarlo a cabo</translation>
    </message>
    <message>
        <source>Ever prepared or acted to end their life</source>
        <translation>Alguna vez se preparó o actuó para terminar con su vida</translation>
    </message>
    <message>
        <source>That in the past three months</source>
        <translation>Eso, en los últimos tres meses</translation>
    </message>
    <message>
        <source>The answers call for</source>
        <translation>Las respuestas indican</translation>
    </message>
    <message>
        <source>Who is with them</source>
        <translation>Quién está con la persona</translation>
    </message>
    <message>
        <source>Cross streets or landmarks</source>
        <translation>Calles cercanas o puntos de referencia</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>What is happening</source>
        <translation>Qué está pasando</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Crisis line</source>
        <translation>Línea de crisis</translation>
    </message>
    <message>
        <source>not asked</source>
        <translation>no se preguntó</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>warmline::app::ReportsWindow</name>
    <message>
        <source>Warmline — Reports</source>
        <translation>Warmline — Reportes</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Reportes</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Fecha inicial</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Fecha final</translation>
    </message>
    <message>
        <source>F&amp;rom</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Mostrar</translation>
    </message>
    <message>
        <source>Show the report</source>
        <translation>Mostrar el reporte</translation>
    </message>
    <message>
        <source>Report period</source>
        <translation>Periodo del reporte</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Exportar &amp;CSV…</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>Exportar &amp;PDF…</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Exportar PDF</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Cifras</translation>
    </message>
    <message>
        <source>Contacts by day</source>
        <translation>Contactos por día</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>Por canal</translation>
    </message>
    <message>
        <source>Contacts by hour of arrival</source>
        <translation>Contactos por hora de llegada</translation>
    </message>
    <message>
        <source>Topics (top 10)</source>
        <translation>Temas (los 10 principales)</translation>
    </message>
    <message>
        <source>Escalations by outcome</source>
        <translation>Escalamientos por resultado</translation>
    </message>
    <message>
        <source>Messages from Warmline</source>
        <translation>Mensajes de Warmline</translation>
    </message>
    <message>
        <source>Export the report as CSV</source>
        <translation>Exportar el reporte como CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the report as PDF</source>
        <translation>Exportar el reporte como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Loading the report…</source>
        <translation>Cargando el reporte…</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Atendidos</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonados</translation>
    </message>
    <message>
        <source>Unanswered</source>
        <translation>Sin atender</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Hour of the day (the line&apos;s time)</source>
        <translation>Hora del día (hora de la línea)</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>Texts</source>
        <translation>Textos</translation>
    </message>
    <message>
        <source>Escalations by outcome (%1)</source>
        <translation>Escalamientos por resultado (%1)</translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation>Escalamientos</translation>
    </message>
    <message>
        <source>Show a report first.</source>
        <translation>Primero muestra un reporte.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Se guardó %1</translation>
    </message>
</context>
<context>
    <name>warmline::app::ResourceDialog</name>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>free</source>
        <translation>gratis</translation>
    </message>
    <message>
        <source>peer-run</source>
        <translation>dirigido por pares</translation>
    </message>
    <message>
        <source>not checked for over a year</source>
        <translation>sin verificar desde hace más de un año</translation>
    </message>
    <message>
        <source>Find a resource</source>
        <translation>Buscar un recurso</translation>
    </message>
    <message>
        <source>What is needed: food, shelter, grupo de apoyo…</source>
        <translation>Lo que se necesita: comida, albergue, grupo de apoyo…</translation>
    </message>
    <message>
        <source>Search words</source>
        <translation>Palabras de búsqueda</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <source>Zip code or town (optional)</source>
        <translation>Código postal o localidad (opcional)</translation>
    </message>
    <message>
        <source>Near</source>
        <translation>Cerca de</translation>
    </message>
    <message>
        <source>&amp;Near</source>
        <translation>&amp;Cerca de</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Cualquier idioma</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>&amp;Open now</source>
        <translation>&amp;Abierto ahora</translation>
    </message>
    <message>
        <source>&amp;Free</source>
        <translation>&amp;Gratis</translation>
    </message>
    <message>
        <source>&amp;Peer-run</source>
        <translation>&amp;Dirigido por pares</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>Estado de la búsqueda</translation>
    </message>
    <message>
        <source>Resources found</source>
        <translation>Recursos encontrados</translation>
    </message>
    <message>
        <source>Resource details</source>
        <translation>Detalles del recurso</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>Nothing found. Try fewer or other words.</source>
        <translation>No se encontró nada. Pruebe con menos palabras o con otras.</translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n encontrado</numerusform>
            <numerusform>%n encontrados</numerusform>
        </translation>
    </message>
    <message>
        <source>By:</source>
        <translation>De:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Teléfono:</translation>
    </message>
    <message>
        <source>Where:</source>
        <translation>Dónde:</translation>
    </message>
    <message>
        <source>Hours:</source>
        <translation>Horario:</translation>
    </message>
    <message>
        <source>Cost:</source>
        <translation>Costo:</translation>
    </message>
    <message>
        <source>Who for:</source>
        <translation>Para quién:</translation>
    </message>
    <message>
        <source>How to apply:</source>
        <translation>Cómo solicitarlo:</translation>
    </message>
    <message>
        <source>Languages:</source>
        <translation>Idiomas:</translation>
    </message>
    <message>
        <source>Web:</source>
        <translation>Web:</translation>
    </message>
    <message>
        <source>(not checked for over a year: check before referring)</source>
        <translation>(sin verificar desde hace más de un año: confírmelo antes de derivar)</translation>
    </message>
    <message>
        <source>Last checked:</source>
        <translation>Última verificación:</translation>
    </message>
    <message>
        <source>&amp;Send to texter</source>
        <translation>&amp;Enviar por mensaje</translation>
    </message>
    <message>
        <source>What sharing gives:</source>
        <translation>Lo que se compartirá:</translation>
    </message>
    <message>
        <source>&amp;Record as read out</source>
        <translation>&amp;Registrar como leído</translation>
    </message>
    <message>
        <source>Open a contact you hold to share a resource in it</source>
        <translation>Abra un contacto que atiende para compartir un recurso en él</translation>
    </message>
    <message>
        <source>Text this resource to the person and record it as a referral</source>
        <translation>Enviar este recurso a la persona por mensaje y registrarlo como derivación</translation>
    </message>
    <message>
        <source>Read the text below to the caller, then record it as a referral given</source>
        <translation>Lea el texto de abajo a la persona que llama y luego regístrelo como derivación dada</translation>
    </message>
    <message>
        <source>Sharing…</source>
        <translation>Compartiendo…</translation>
    </message>
    <message>
        <source>Sent to the texter and recorded: %1</source>
        <translation>Enviado por mensaje y registrado: %1</translation>
    </message>
    <message>
        <source>Recorded as read out: %1</source>
        <translation>Registrado como leído: %1</translation>
    </message>
    <message>
        <source>marked unverified by the line</source>
        <translation>marcado sin verificar por la línea</translation>
    </message>
    <message>
        <source>Unverified:</source>
        <translation>Sin verificar:</translation>
    </message>
    <message>
        <source>marked by the line; check before referring</source>
        <translation>marcado por la línea; compruébelo antes de derivar</translation>
    </message>
</context>
<context>
    <name>warmline::app::ReviewController</name>
    <message>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <source>Marked reviewed.</source>
        <translation>Marcado como revisado.</translation>
    </message>
    <message>
        <source>Review mark removed.</source>
        <translation>Se quitó la marca de revisión.</translation>
    </message>
    <message>
        <source>Comment sent to %1.</source>
        <translation>Comentario enviado a %1.</translation>
    </message>
    <message>
        <source>Follow-up saved.</source>
        <translation>Seguimiento guardado.</translation>
    </message>
</context>
<context>
    <name>warmline::app::ReviewListModel</name>
    <message>
        <source>(left the queue)</source>
        <translation>(salió de la fila)</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Escalado</translation>
    </message>
    <message>
        <source>Reviewed · follow up</source>
        <translation>Revisado · seguimiento</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Revisado</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>Reviewed by %1 on %2</source>
        <translation>Revisado por %1 el %2</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Riesgo</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Temas</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>Escalamiento</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
</context>
<context>
    <name>warmline::app::ReviewPane</name>
    <message>
        <source>Review pane</source>
        <translation>Panel de revisión</translation>
    </message>
    <message>
        <source>Contact under review</source>
        <translation>Contacto en revisión</translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation>Datos del contacto</translation>
    </message>
    <message>
        <source>Review state</source>
        <translation>Estado de la revisión</translation>
    </message>
    <message>
        <source>Choose a contact on the left to review it.

Opening a contact is recorded in the audit log.</source>
        <translation>Elige un contacto a la izquierda para revisarlo.

Abrir un contacto queda anotado en el registro de auditoría.</translation>
    </message>
    <message>
        <source>No contact open</source>
        <translation>Ningún contacto abierto</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Call details</source>
        <translation>Datos de la llamada</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <source>&amp;Wrap-up and notes</source>
        <translation>&amp;Cierre y notas</translation>
    </message>
    <message>
        <source>Escalation summary</source>
        <translation>Resumen del escalamiento</translation>
    </message>
    <message>
        <source>Escalation steps</source>
        <translation>Pasos del escalamiento</translation>
    </message>
    <message>
        <source>&amp;Escalation</source>
        <translation>&amp;Escalamiento</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Comentarios</translation>
    </message>
    <message>
        <source>C&amp;omments</source>
        <translation>C&amp;omentarios</translation>
    </message>
    <message>
        <source>&amp;Mark reviewed</source>
        <translation>&amp;Marcar como revisado</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>Marcar como revisado</translation>
    </message>
    <message>
        <source>&amp;Follow up</source>
        <translation>&amp;Seguimiento</translation>
    </message>
    <message>
        <source>Flag for follow-up</source>
        <translation>Marcar para seguimiento</translation>
    </message>
    <message>
        <source>What to follow up (optional)</source>
        <translation>Qué seguir (opcional)</translation>
    </message>
    <message>
        <source>Follow-up note</source>
        <translation>Nota de seguimiento</translation>
    </message>
    <message>
        <source>Sa&amp;ve flag</source>
        <translation>&amp;Guardar marca</translation>
    </message>
    <message>
        <source>Save follow-up flag</source>
        <translation>Guardar la marca de seguimiento</translation>
    </message>
    <message>
        <source>Reveal &amp;number…</source>
        <translation>Ver el &amp;número…</translation>
    </message>
    <message>
        <source>Reveal the caller&apos;s number</source>
        <translation>Ver el número de la persona</translation>
    </message>
    <message>
        <source>Shows the caller&apos;s phone number. You must give a reason; the reveal is recorded in the audit log.</source>
        <translation>Muestra el número de teléfono de la persona. Debes dar un motivo; queda anotado en el registro de auditoría.</translation>
    </message>
    <message>
        <source>Why do you need this caller&apos;s number? The reason is recorded in the audit log.</source>
        <translation>¿Para qué necesitas el número de esta persona? El motivo queda anotado en el registro de auditoría.</translation>
    </message>
    <message>
        <source>Caller&apos;s number</source>
        <translation>Número de la persona</translation>
    </message>
    <message>
        <source>Comment for the operator</source>
        <translation>Comentario para el operador</translation>
    </message>
    <message>
        <source>A comment for the operator who handled this contact…</source>
        <translation>Un comentario para el operador que atendió este contacto…</translation>
    </message>
    <message>
        <source>Send &amp;comment</source>
        <translation>Enviar &amp;comentario</translation>
    </message>
    <message>
        <source>Send comment</source>
        <translation>Enviar comentario</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>sin atender</translation>
    </message>
    <message>
        <source>with %1</source>
        <translation>con %1</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>escalado</translation>
    </message>
    <message>
        <source>Reviewed by %1 on %2</source>
        <translation>Revisado por %1 el %2</translation>
    </message>
    <message>
        <source>Not yet reviewed</source>
        <translation>Sin revisar</translation>
    </message>
    <message>
        <source>Un&amp;mark reviewed</source>
        <translation>&amp;Quitar marca de revisado</translation>
    </message>
    <message>
        <source>Unmark reviewed</source>
        <translation>Quitar la marca de revisado</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Llegó</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Atendido por</translation>
    </message>
    <message>
        <source>Time with the caller</source>
        <translation>Tiempo con la persona</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminó</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Contenido</translation>
    </message>
    <message>
        <source>Removed by the retention rule on %1</source>
        <translation>Borrado por la regla de retención el %1</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Helped</source>
        <translation>¿Ayudó?</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Temas</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Derivaciones</translation>
    </message>
    <message>
        <source>Risk signals</source>
        <translation>Señales de riesgo</translation>
    </message>
    <message>
        <source>Wrap-up note</source>
        <translation>Nota de cierre</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Notes about the caller written here</source>
        <translation>Notas sobre la persona escritas aquí</translation>
    </message>
    <message>
        <source>No escalation was recorded for this contact.</source>
        <translation>No se registró ningún escalamiento para este contacto.</translation>
    </message>
    <message numerus="yes">
        <source>%n escalation(s), every step as it was recorded:</source>
        <translation>
            <numerusform>%n escalamiento, cada paso tal como se registró:</numerusform>
            <numerusform>%n escalamientos, cada paso tal como se registró:</numerusform>
        </translation>
    </message>
    <message>
        <source>No comments yet.</source>
        <translation>Todavía no hay comentarios.</translation>
    </message>
    <message>
        <source> · read by %1</source>
        <translation> · leído por %1</translation>
    </message>
    <message>
        <source>No operator handled this contact.</source>
        <translation>Ningún operador atendió este contacto.</translation>
    </message>
    <message>
        <source>Number: %1</source>
        <translation>Número: %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Intérprete</translation>
    </message>
    <message>
        <source>%1: on from %2 to %3, called by %4</source>
        <translation>%1: en la llamada de %2 a %3, llamado por %4</translation>
    </message>
    <message>
        <source>the end</source>
        <translation>el final</translation>
    </message>
    <message>
        <source>%1: not reached (%2), called by %3</source>
        <translation>%1: sin comunicación (%2), llamado por %3</translation>
    </message>
    <message>
        <source>Debrief from %1</source>
        <translation>Informe de %1</translation>
    </message>
    <message>
        <source>(removed by the retention rule)</source>
        <translation>(eliminado por la regla de conservación)</translation>
    </message>
    <message>
        <source>%1 began reading (held by %2)</source>
        <translation>%1 empezó a leer (atendida por %2)</translation>
    </message>
    <message>
        <source>%1 stopped reading</source>
        <translation>%1 dejó de leer</translation>
    </message>
    <message>
        <source>%1 to %2: %3</source>
        <translation>%1 a %2: %3</translation>
    </message>
    <message>
        <source>%1 asked %2 to hand it over</source>
        <translation>%1 le pidió a %2 que se la pasara</translation>
    </message>
    <message>
        <source>%1 handed it to %2</source>
        <translation>%1 se la pasó a %2</translation>
    </message>
    <message>
        <source>%1 kept it</source>
        <translation>%1 siguió con ella</translation>
    </message>
    <message>
        <source>%1 took it over from %2 in the escalation</source>
        <translation>%1 se la tomó a %2 en el escalamiento</translation>
    </message>
    <message>
        <source>Live coaching</source>
        <translation>Acompañamiento en vivo</translation>
    </message>
    <message>
        <source>%1 listened to the call (held by %2)</source>
        <translation>%1 escuchó la llamada (atendida por %2)</translation>
    </message>
    <message>
        <source>%1 spoke to %2 only (whisper)</source>
        <translation>%1 habló solo con %2 (susurro)</translation>
    </message>
    <message>
        <source>%1 joined the call (barge)</source>
        <translation>%1 se unió a la llamada (intervención)</translation>
    </message>
    <message>
        <source>%1 left the call</source>
        <translation>%1 salió de la llamada</translation>
    </message>
    <message>
        <source>Sent the partner line&apos;s text number</source>
        <translation>Se envió el número de texto de la línea asociada</translation>
    </message>
    <message>
        <source>Heard the offer of the partner line</source>
        <translation>Escuchó la oferta de la línea asociada</translation>
    </message>
    <message>
        <source>Pressed 1 for the partner line</source>
        <translation>Marcó 1 para la línea asociada</translation>
    </message>
    <message>
        <source>Put through to the partner line</source>
        <translation>Transferida a la línea asociada</translation>
    </message>
    <message>
        <source>The partner line did not take the call: %1</source>
        <translation>La línea asociada no tomó la llamada: %1</translation>
    </message>
    <message>
        <source>Overflow</source>
        <translation>Desvío</translation>
    </message>
</context>
<context>
    <name>warmline::app::ReviewWindow</name>
    <message>
        <source>Warmline — Review</source>
        <translation>Warmline — Revisión</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Fecha inicial</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Fecha final</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>Texts</source>
        <translation>Textos</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>Nivel de riesgo</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>Concern</source>
        <translation>Preocupación</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alto</translation>
    </message>
    <message>
        <source>Imminent</source>
        <translation>Inminente</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Escalado</translation>
    </message>
    <message>
        <source>Not escalated</source>
        <translation>Sin escalar</translation>
    </message>
    <message>
        <source>&amp;Not yet reviewed</source>
        <translation>Sin &amp;revisar</translation>
    </message>
    <message>
        <source>Not yet reviewed only</source>
        <translation>Solo los que no se han revisado</translation>
    </message>
    <message>
        <source>Flagged for &amp;follow-up</source>
        <translation>Marcados para &amp;seguimiento</translation>
    </message>
    <message>
        <source>Flagged for follow-up only</source>
        <translation>Solo los marcados para seguimiento</translation>
    </message>
    <message>
        <source>Words in notes</source>
        <translation>Palabras en las notas</translation>
    </message>
    <message>
        <source>Search notes</source>
        <translation>Buscar en las notas</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>F&amp;rom</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <source>O&amp;perator</source>
        <translation>O&amp;perador</translation>
    </message>
    <message>
        <source>C&amp;hannel</source>
        <translation>C&amp;anal</translation>
    </message>
    <message>
        <source>Top&amp;ic</source>
        <translation>T&amp;ema</translation>
    </message>
    <message>
        <source>Ris&amp;k</source>
        <translation>Ries&amp;go</translation>
    </message>
    <message>
        <source>&amp;Escalation</source>
        <translation>&amp;Escalamiento</translation>
    </message>
    <message>
        <source>Notes &amp;contain</source>
        <translation>Las notas &amp;contienen</translation>
    </message>
    <message>
        <source>Review sections</source>
        <translation>Secciones de revisión</translation>
    </message>
    <message>
        <source>Contacts to review</source>
        <translation>Contactos por revisar</translation>
    </message>
    <message>
        <source>How many contacts</source>
        <translation>Cuántos contactos</translation>
    </message>
    <message>
        <source>&amp;Load more</source>
        <translation>Cargar &amp;más</translation>
    </message>
    <message>
        <source>Load more contacts</source>
        <translation>Cargar más contactos</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <source>Audit action</source>
        <translation>Acción de auditoría</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Todo</translation>
    </message>
    <message>
        <source>The audit log cannot be edited by anyone.</source>
        <translation>Nadie puede editar el registro de auditoría.</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>Load &amp;older entries</source>
        <translation>Cargar entradas más &amp;antiguas</translation>
    </message>
    <message>
        <source>Load older audit entries</source>
        <translation>Cargar entradas de auditoría más antiguas</translation>
    </message>
    <message>
        <source>Messages from Warmline</source>
        <translation>Mensajes de Warmline</translation>
    </message>
    <message>
        <source>No contacts match.</source>
        <translation>Ningún contacto coincide.</translation>
    </message>
    <message>
        <source>%1 of %2 contacts shown</source>
        <translation>Se muestran %1 de %2 contactos</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
</context>
<context>
    <name>warmline::app::SegmentCounter</name>
    <message>
        <source>1 text</source>
        <translation>1 mensaje</translation>
    </message>
    <message>
        <source>%1 texts</source>
        <translation>%1 mensajes</translation>
    </message>
    <message>
        <source>%1 · %2 characters left%3</source>
        <translation>%1 · quedan %2 caracteres%3</translation>
    </message>
    <message>
        <source> · special characters use more room</source>
        <translation> · los caracteres especiales ocupan más espacio</translation>
    </message>
</context>
<context>
    <name>warmline::app::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Show a &amp;notification when someone joins the queue</source>
        <translation>Mostrar una &amp;notificación cuando alguien entre a la fila</translation>
    </message>
    <message>
        <source>Notifications for new contacts</source>
        <translation>Notificaciones de contactos nuevos</translation>
    </message>
    <message>
        <source>Play a &amp;sound when someone joins the queue</source>
        <translation>Reproducir un &amp;sonido cuando alguien entre a la fila</translation>
    </message>
    <message>
        <source>Sound for new contacts</source>
        <translation>Sonido para contactos nuevos</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Tamaño del texto</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>&amp;Text size:</source>
        <translation>&amp;Tamaño del texto:</translation>
    </message>
    <message>
        <source>Microphone for calls</source>
        <translation>Micrófono para llamadas</translation>
    </message>
    <message>
        <source>Speaker or headset for calls</source>
        <translation>Bocina o audífonos para llamadas</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Micrófono:</translation>
    </message>
    <message>
        <source>Spea&amp;ker:</source>
        <translation>&amp;Bocina:</translation>
    </message>
    <message>
        <source>Play and record &amp;files instead of a sound card (testing)</source>
        <translation>Reproducir y grabar &amp;archivos en vez de usar una tarjeta de sonido (pruebas)</translation>
    </message>
    <message>
        <source>Softphone plays and records files</source>
        <translation>El softphone reproduce y graba archivos</translation>
    </message>
    <message>
        <source>Language of the app</source>
        <translation>Idioma de la app</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>The language changes the next time you start Warmline.</source>
        <translation>El idioma cambia la próxima vez que abras Warmline.</translation>
    </message>
    <message>
        <source>&amp;High contrast</source>
        <translation>Alto &amp;contraste</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <source>White text on black, with a yellow highlight and focus outline</source>
        <translation>Texto blanco sobre negro, con resaltado y contorno de foco amarillos</translation>
    </message>
    <message>
        <source>Answer calls &amp;automatically once I accept them</source>
        <translation>Contestar &amp;las llamadas automáticamente al aceptarlas</translation>
    </message>
    <message>
        <source>Answer calls automatically</source>
        <translation>Contestar las llamadas automáticamente</translation>
    </message>
    <message>
        <source>When off, the softphone rings and the call bar shows an Answer button (Alt+A)</source>
        <translation>Si está desactivado, el softphone suena y la barra de llamada muestra el botón Contestar (Alt+N)</translation>
    </message>
    <message>
        <source>&amp;Test audio</source>
        <translation>&amp;Probar el audio</translation>
    </message>
    <message>
        <source>Test the microphone and speaker</source>
        <translation>Probar el micrófono y la bocina</translation>
    </message>
    <message>
        <source>Plays a tone, records a few seconds from the microphone and plays them back</source>
        <translation>Reproduce un tono, graba unos segundos del micrófono y los vuelve a reproducir</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Nivel del micrófono</translation>
    </message>
    <message>
        <source>Playing a tone on your speaker…</source>
        <translation>Sonando un tono en tu bocina…</translation>
    </message>
    <message>
        <source>Say a few words: recording your microphone for 4 seconds…</source>
        <translation>Di unas palabras: grabando tu micrófono durante 4 segundos…</translation>
    </message>
    <message>
        <source>Playing back what your microphone heard…</source>
        <translation>Reproduciendo lo que oyó tu micrófono…</translation>
    </message>
    <message>
        <source>No sound card is in use (the softphone plays and records files), so there is nothing to test.</source>
        <translation>No se usa ninguna tarjeta de sonido (el softphone reproduce y graba archivos), así que no hay nada que probar.</translation>
    </message>
    <message>
        <source>The test cannot run now: it waits until no call is open.</source>
        <translation>La prueba no puede hacerse ahora: espera a que no haya ninguna llamada abierta.</translation>
    </message>
    <message>
        <source>S&amp;top the test</source>
        <translation>&amp;Detener la prueba</translation>
    </message>
    <message>
        <source>Your microphone sent only silence. Check that it is plugged in and not muted, or choose another microphone.</source>
        <translation>Tu micrófono solo envió silencio. Comprueba que está conectado y no silenciado, o elige otro micrófono.</translation>
    </message>
    <message>
        <source>Your microphone works but sounds quiet: move it closer or raise its level in the system&apos;s sound settings.</source>
        <translation>Tu micrófono funciona pero suena bajo: acércalo o sube su nivel en los ajustes de sonido del sistema.</translation>
    </message>
    <message>
        <source>Your microphone works. You should have heard the tone, then yourself; if you heard neither, choose another speaker.</source>
        <translation>Tu micrófono funciona. Deberías haber oído el tono y después tu voz; si no oíste ninguno de los dos, elige otra bocina.</translation>
    </message>
    <message>
        <source>The softphone is not running, so there is no audio to test here.</source>
        <translation>El softphone no está en marcha, así que aquí no hay audio que probar.</translation>
    </message>
    <message>
        <source>A new microphone or speaker applies at once, to a call in progress too; files, and the system default, the next time you sign in.</source>
        <translation>Un micrófono o una bocina nuevos se aplican enseguida, también a una llamada en curso; los archivos y el predeterminado del sistema, la próxima vez que inicies sesión.</translation>
    </message>
</context>
<context>
    <name>warmline::app::ShiftBoard</name>
    <message>
        <source>The shift board could not be loaded: %1</source>
        <translation>No se pudo cargar el tablero del turno: %1</translation>
    </message>
    <message>
        <source>An alert arrived that this app cannot read; refreshing the board.</source>
        <translation>Llegó una alerta que esta app no puede leer; actualizando el tablero.</translation>
    </message>
    <message numerus="yes">
        <source>%1&apos;s app did not come back; %n contact(s) went back to the queue.</source>
        <translation>
            <numerusform>La app de %1 no volvió; %n contacto volvió a la fila.</numerusform>
            <numerusform>La app de %1 no volvió; %n contactos volvieron a la fila.</numerusform>
        </translation>
    </message>
    <message>
        <source>Contact given to %1.</source>
        <translation>Contacto asignado a %1.</translation>
    </message>
    <message>
        <source>the operator</source>
        <translation>el operador</translation>
    </message>
    <message>
        <source>Contact taken back to the queue.</source>
        <translation>El contacto volvió a la fila.</translation>
    </message>
    <message>
        <source>%1 is on break.</source>
        <translation>%1 está en descanso.</translation>
    </message>
    <message>
        <source>The operator</source>
        <translation>El operador</translation>
    </message>
    <message>
        <source>Message sent to everyone on shift.</source>
        <translation>Mensaje enviado a todo el turno.</translation>
    </message>
    <message>
        <source>Message sent.</source>
        <translation>Mensaje enviado.</translation>
    </message>
    <message>
        <source>After-hours mode is on: new texters get the after-hours reply.</source>
        <translation>El modo fuera de horario está activado: quien escribe por primera vez recibe la respuesta de fuera de horario.</translation>
    </message>
    <message>
        <source>After-hours mode is off.</source>
        <translation>El modo fuera de horario está desactivado.</translation>
    </message>
    <message>
        <source>Alert acknowledged.</source>
        <translation>Alerta confirmada.</translation>
    </message>
    <message>
        <source>The gateway cannot save new messages; see the warning above.</source>
        <translation>La pasarela no puede guardar mensajes nuevos; mira el aviso de arriba.</translation>
    </message>
    <message>
        <source>The gateway saves again; texts the carriers kept are arriving.</source>
        <translation>La pasarela vuelve a guardar; están llegando los textos que guardaron los operadores de telefonía.</translation>
    </message>
    <message>
        <source>Switchboard on: new contacts wait for a lead to assign them.</source>
        <translation>Centralita activada: los contactos nuevos esperan a que la coordinación los asigne.</translation>
    </message>
    <message>
        <source>Switchboard off: the contacts it held are in the ordinary queue.</source>
        <translation>Centralita desactivada: los contactos que retenía están en la fila normal.</translation>
    </message>
    <message>
        <source>A waiting caller was put through to %1.</source>
        <translation>Una llamada en espera se transfirió a %1.</translation>
    </message>
    <message>
        <source>Overflow on: waiting texters get %1&apos;s number, waiting callers are offered it.</source>
        <translation>Desvío activado: quienes escriben y esperan reciben el número de %1; a quienes llaman y esperan se les ofrece.</translation>
    </message>
    <message>
        <source>Overflow off.</source>
        <translation>Desvío desactivado.</translation>
    </message>
    <message>
        <source>%1 waits for a lead: %2.</source>
        <translation>%1 espera a la coordinación: %2.</translation>
    </message>
    <message>
        <source>A contact</source>
        <translation>Un contacto</translation>
    </message>
    <message>
        <source>Refused a %1 from %2: %3.</source>
        <translation>Rechazado: %1 de %2: %3.</translation>
    </message>
    <message>
        <source>call</source>
        <translation>llamada</translation>
    </message>
    <message>
        <source>text</source>
        <translation>mensaje</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Let into the queue: operators can take it now.</source>
        <translation>Ha pasado a la cola: ya se puede atender.</translation>
    </message>
</context>
<context>
    <name>warmline::app::ShiftBoardWindow</name>
    <message>
        <source>Warmline — Shift board</source>
        <translation>Warmline — Tablero del turno</translation>
    </message>
    <message>
        <source>Shift board</source>
        <translation>Tablero del turno</translation>
    </message>
    <message>
        <source>Contacts waiting</source>
        <translation>Contactos en espera</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Espera más larga</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>Nivel de servicio</translation>
    </message>
    <message>
        <source>Abandoned this shift</source>
        <translation>Abandonados en este turno</translation>
    </message>
    <message>
        <source>A&amp;fter-hours mode</source>
        <translation>Modo &amp;fuera de horario</translation>
    </message>
    <message>
        <source>While on, new texters get the after-hours reply with crisis resources.</source>
        <translation>Mientras está activado, quien escribe por primera vez recibe la respuesta de fuera de horario con recursos de crisis.</translation>
    </message>
    <message>
        <source>No one available</source>
        <translation>Nadie disponible</translation>
    </message>
    <message>
        <source>Escalation alert</source>
        <translation>Alerta de escalamiento</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Confirmar</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Queue with waiting times and risk</source>
        <translation>Fila con tiempos de espera y riesgo</translation>
    </message>
    <message>
        <source>Operators on shift</source>
        <translation>Operadores en el turno</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation>Alertas abiertas</translation>
    </message>
    <message>
        <source>A&amp;ssign…</source>
        <translation>A&amp;signar…</translation>
    </message>
    <message>
        <source>Give the selected waiting contact to an operator</source>
        <translation>Asignar a un operador el contacto en espera seleccionado</translation>
    </message>
    <message>
        <source>&amp;Take back…</source>
        <translation>De&amp;volver…</translation>
    </message>
    <message>
        <source>Return one of the selected operator&apos;s contacts to the queue</source>
        <translation>Devolver a la fila uno de los contactos del operador seleccionado</translation>
    </message>
    <message>
        <source>Put on &amp;break</source>
        <translation>Poner en &amp;descanso</translation>
    </message>
    <message>
        <source>Ac&amp;knowledge alert</source>
        <translation>&amp;Confirmar alerta</translation>
    </message>
    <message>
        <source>Message to operators…</source>
        <translation>Mensaje a los operadores…</translation>
    </message>
    <message>
        <source>Message to operators</source>
        <translation>Mensaje a los operadores</translation>
    </message>
    <message>
        <source>Send to &amp;selected</source>
        <translation>Enviar a &amp;seleccionados</translation>
    </message>
    <message>
        <source>Send to a&amp;ll</source>
        <translation>Enviar a &amp;todos</translation>
    </message>
    <message>
        <source>Board messages</source>
        <translation>Mensajes del tablero</translation>
    </message>
    <message>
        <source>Waiting %1  (texts %2 · calls %3)</source>
        <translation>En espera %1  (textos %2 · llamadas %3)</translation>
    </message>
    <message>
        <source>Longest wait %1</source>
        <translation>Espera más larga %1</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>Service level %1% within %2 (%3 of %4; target %5%)</source>
        <translation>Nivel de servicio %1% en %2 (%3 de %4; meta %5%)</translation>
    </message>
    <message>
        <source>Service level – (none answered yet)</source>
        <translation>Nivel de servicio – (aún no se atendió ninguno)</translation>
    </message>
    <message>
        <source>Contacts answered within %1, of those answered or abandoned since %2. The reports count the same way against the same target (line settings: targets.answer_seconds, targets.answered_on_time_percent).</source>
        <translation>Contactos atendidos en %1, de los atendidos o abandonados desde las %2. Los reportes cuentan igual y con la misma meta (ajustes de la línea: targets.answer_seconds, targets.answered_on_time_percent).</translation>
    </message>
    <message>
        <source>Abandoned %1</source>
        <translation>Abandonados %1</translation>
    </message>
    <message>
        <source>(%1) Warmline — Shift board</source>
        <translation>(%1) Warmline — Tablero del turno</translation>
    </message>
    <message numerus="yes">
        <source>No one is available, and someone at high risk is waiting (%n waiting).</source>
        <translation>
            <numerusform>Nadie está disponible y alguien en riesgo alto está esperando (%n en espera).</numerusform>
            <numerusform>Nadie está disponible y alguien en riesgo alto está esperando (%n en espera).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No one is available to take the %n waiting.</source>
        <translation>
            <numerusform>Nadie está disponible para atender a la %n persona en espera.</numerusform>
            <numerusform>Nadie está disponible para atender a las %n personas en espera.</numerusform>
        </translation>
    </message>
    <message>
        <source>Take one yourself, bring someone back from a break, or assign over capacity.</source>
        <translation>Atiende tú a alguien, pide a alguien que vuelva de su descanso o asigna por encima de la capacidad.</translation>
    </message>
    <message numerus="yes">
        <source>  — unacknowledged, repeated %n time(s)</source>
        <translation>
            <numerusform>  — sin confirmar, repetida %n vez</numerusform>
            <numerusform>  — sin confirmar, repetida %n veces</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Assign to</source>
        <translation>&amp;Asignar a</translation>
    </message>
    <message>
        <source>%1 (%2, holding %3 of %4)</source>
        <translation>%1 (%2, con %3 de %4)</translation>
    </message>
    <message>
        <source>Nobody is on shift</source>
        <translation>No hay nadie en el turno</translation>
    </message>
    <message>
        <source>&amp;Take back to the queue</source>
        <translation>&amp;Devolver a la fila</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Message…</source>
        <translation>&amp;Mensaje…</translation>
    </message>
    <message>
        <source>Storage failing</source>
        <translation>Fallo de almacenamiento</translation>
    </message>
    <message>
        <source>its disk is full</source>
        <translation>su disco está lleno</translation>
    </message>
    <message>
        <source>its data directory cannot be written</source>
        <translation>no puede escribir en su carpeta de datos</translation>
    </message>
    <message>
        <source>its disk reports errors</source>
        <translation>su disco da errores</translation>
    </message>
    <message>
        <source>Since %1 the gateway cannot save: %2. New texts are refused so that carriers send them again later; nothing already saved is lost. Tell the site administrator now.</source>
        <translation>Desde las %1 la pasarela no puede guardar: %2. Los textos nuevos se rechazan para que los operadores de telefonía los reenvíen más tarde; no se pierde nada de lo ya guardado. Avisa ahora a la administración del sitio.</translation>
    </message>
    <message>
        <source>&amp;Watch…</source>
        <translation>&amp;Leer…</translation>
    </message>
    <message>
        <source>&amp;Watch a conversation</source>
        <translation>&amp;Leer una conversación</translation>
    </message>
    <message>
        <source>Swit&amp;chboard</source>
        <translation>Ce&amp;ntralita</translation>
    </message>
    <message>
        <source>While on, every new contact waits for a lead to assign it; operators cannot take it. Switching off lets them all go to the queue in their order.</source>
        <translation>Mientras está activada, cada contacto nuevo espera a que la coordinación lo asigne; el equipo no puede tomarlo. Al desactivarla, todos pasan a la fila en su orden.</translation>
    </message>
    <message numerus="yes">
        <source>Swit&amp;chboard (%n held for a lead)</source>
        <translation>
            <numerusform>Ce&amp;ntralita (%n retenido para la coordinación)</numerusform>
            <numerusform>Ce&amp;ntralita (%n retenidos para la coordinación)</numerusform>
        </translation>
    </message>
    <message>
        <source>Read one of the selected operator&apos;s text conversations and coach them privately, or listen to their call on your phone</source>
        <translation>Leer una de las conversaciones de texto de quien está seleccionado y acompañarle en privado, o escuchar su llamada en tu teléfono</translation>
    </message>
    <message>
        <source>%1 (call): listen on my phone</source>
        <translation>%1 (llamada): escuchar en mi teléfono</translation>
    </message>
    <message>
        <source>%1 holds no conversation to watch or call to listen to</source>
        <translation>%1 no tiene conversaciones para leer ni llamadas para escuchar</translation>
    </message>
    <message>
        <source>&amp;Overflow</source>
        <translation>&amp;Desvío</translation>
    </message>
    <message>
        <source>&amp;Overflow to %1</source>
        <translation>&amp;Desvío a %1</translation>
    </message>
    <message>
        <source>While on, texters waiting get one text with %1&apos;s number and may keep waiting; callers waiting hear that pressing 1 puts them through to %1.</source>
        <translation>Mientras está activado, quienes escriben y esperan reciben un mensaje con el número de %1 y pueden seguir esperando; quienes llaman y esperan escuchan que al marcar 1 se les transfiere a %1.</translation>
    </message>
    <message>
        <source>Held for a lead by screening</source>
        <translation>Retenidos para la coordinación por el filtro</translation>
    </message>
    <message>
        <source>Let &amp;in</source>
        <translation>Dejar &amp;pasar</translation>
    </message>
    <message>
        <source>Let the selected contact, held for a lead, into the queue so operators can take it</source>
        <translation>Deja pasar a la cola el contacto seleccionado, retenido para la coordinación, para que se pueda atender</translation>
    </message>
    <message>
        <source>Held for a lead by screening: %1. Select one and Let in, or assign it.</source>
        <translation>Retenidos para la coordinación por el filtro: %1. Seleccione uno y pulse Dejar pasar, o asígnelo.</translation>
    </message>
    <message>
        <source>Let &amp;in to the queue</source>
        <translation>Dejar &amp;pasar a la cola</translation>
    </message>
    <message>
        <source>Let &amp;in to the queue (held: %1)</source>
        <translation>Dejar &amp;pasar a la cola (retenido: %1)</translation>
    </message>
</context>
<context>
    <name>warmline::app::ShiftSession</name>
    <message>
        <source>You are now with %1.</source>
        <translation>Ahora estás con %1.</translation>
    </message>
    <message>
        <source>Could not keep the reply on this computer: %1</source>
        <translation>No se pudo guardar la respuesta en esta computadora: %1</translation>
    </message>
    <message>
        <source>You are offline. The reply will be sent when the connection is back.</source>
        <translation>No tienes conexión. La respuesta se enviará cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>A reply was not sent: %1</source>
        <translation>Una respuesta no se envió: %1</translation>
    </message>
    <message>
        <source>The contact is back in the queue.</source>
        <translation>El contacto volvió a la fila.</translation>
    </message>
    <message>
        <source>No contact is open.</source>
        <translation>No hay ningún contacto abierto.</translation>
    </message>
    <message>
        <source>Contact closed and note saved.</source>
        <translation>Contacto cerrado y nota guardada.</translation>
    </message>
    <message>
        <source>Caller details saved.</source>
        <translation>Datos de la persona guardados.</translation>
    </message>
    <message>
        <source>Note added to the caller.</source>
        <translation>Nota agregada a la persona.</translation>
    </message>
    <message>
        <source>Escalation opened.</source>
        <translation>Escalamiento abierto.</translation>
    </message>
    <message>
        <source>Recorded.</source>
        <translation>Registrado.</translation>
    </message>
    <message>
        <source>The crisis line&apos;s text was sent. Stay with the texter until they confirm they reached it.</source>
        <translation>Se envió el mensaje de la línea de crisis. Quédate con la persona hasta que confirme que se comunicó.</translation>
    </message>
    <message>
        <source>You left the call; the crisis line has the caller. Wrap up when you are ready.</source>
        <translation>Saliste de la llamada; la línea de crisis atiende a la persona. Haz el cierre cuando puedas.</translation>
    </message>
    <message>
        <source>Escalation closed.</source>
        <translation>Escalamiento cerrado.</translation>
    </message>
    <message>
        <source>The caller hears the survey; the call ends after their answer.</source>
        <translation>La persona oye la encuesta; la llamada termina después de su respuesta.</translation>
    </message>
    <message>
        <source>The survey is not asked on this call (an escalation, a transfer or an interpreter, or the caller was asked lately).</source>
        <translation>En esta llamada no se hace la encuesta (hubo un escalamiento, una transferencia o un intérprete, o se le preguntó hace poco).</translation>
    </message>
    <message>
        <source>Calls cannot come to this computer&apos;s softphone: %1</source>
        <translation>Las llamadas no pueden llegar al softphone de este ordenador: %1</translation>
    </message>
    <message>
        <source>This computer&apos;s softphone cannot connect to the gateway (%1). Calls cannot reach it until it does; it keeps trying.</source>
        <translation>El softphone de este ordenador no puede conectarse a la pasarela (%1). Las llamadas no le llegan hasta que lo consiga; sigue intentándolo.</translation>
    </message>
    <message>
        <source>Calls to this computer&apos;s softphone are not encrypted: the app reaches the gateway by its address (%1), not by the name on its certificate. Ask your administrator for the gateway&apos;s name.</source>
        <translation>Las llamadas al softphone de este ordenador no van cifradas: la app llega a la pasarela por su dirección (%1), no por el nombre de su certificado. Pida a su administrador el nombre de la pasarela.</translation>
    </message>
    <message>
        <source>Calls cannot come to this computer&apos;s softphone: the gateway is reached over IPv6, and the softphone&apos;s calls need IPv4.</source>
        <translation>Las llamadas no pueden llegar al softphone de este ordenador: la pasarela se alcanza por IPv6 y las llamadas del softphone necesitan IPv4.</translation>
    </message>
    <message>
        <source>This computer&apos;s softphone cannot use the gateway&apos;s account (%1). Calls go to the phone on your profile, if you have one.</source>
        <translation>El softphone de este ordenador no puede usar la cuenta de la pasarela (%1). Las llamadas van al teléfono de su perfil, si tiene uno.</translation>
    </message>
    <message>
        <source>The gateway did not answer in time.</source>
        <translation>La pasarela no respondió a tiempo.</translation>
    </message>
    <message>
        <source>Calls cannot come to this computer&apos;s softphone yet. %1 The app keeps asking the gateway.</source>
        <translation>Las llamadas todavía no pueden llegar al softphone de este equipo. %1 La aplicación sigue pidiéndolo a la pasarela.</translation>
    </message>
</context>
<context>
    <name>warmline::app::Softphone</name>
    <message>
        <source>The softphone could not start: %1.</source>
        <translation>No se pudo iniciar el softphone: %1.</translation>
    </message>
    <message>
        <source>The test tone could not be written to the softphone&apos;s folder.</source>
        <translation>No se pudo escribir el tono de prueba en la carpeta del softphone.</translation>
    </message>
    <message>
        <source>No speaker or headset was found.</source>
        <translation>No se encontró ninguna bocina ni audífonos.</translation>
    </message>
    <message>
        <source>The speaker could not be opened: it may be in use or unplugged.</source>
        <translation>No se pudo abrir la bocina: puede estar en uso o desconectada.</translation>
    </message>
    <message>
        <source>No microphone was found.</source>
        <translation>No se encontró ningún micrófono.</translation>
    </message>
    <message>
        <source>The microphone could not be opened: it may be in use or unplugged.</source>
        <translation>No se pudo abrir el micrófono: puede estar en uso o desconectado.</translation>
    </message>
    <message>
        <source>A call came in, so the test stopped.</source>
        <translation>Entró una llamada, así que la prueba se detuvo.</translation>
    </message>
    <message>
        <source>The test was stopped.</source>
        <translation>La prueba se detuvo.</translation>
    </message>
    <message>
        <source>The softphone stopped, so the test stopped.</source>
        <translation>El softphone se detuvo, así que la prueba se detuvo.</translation>
    </message>
    <message>
        <source>the certificates to check the gateway&apos;s with cannot be read</source>
        <translation>no se pueden leer los certificados con los que comprobar el de la pasarela</translation>
    </message>
    <message>
        <source>the gateway gave an account this softphone cannot use</source>
        <translation>la pasarela dio una cuenta que este softphone no puede usar</translation>
    </message>
    <message>
        <source>this softphone cannot encrypt calls</source>
        <translation>este softphone no puede cifrar llamadas</translation>
    </message>
    <message>
        <source>the softphone would not take the account</source>
        <translation>el softphone no aceptó la cuenta</translation>
    </message>
    <message>
        <source>the gateway cannot be reached, or its certificate is not one this computer trusts</source>
        <translation>no se puede llegar a la pasarela, o su certificado no es uno en el que confíe este equipo</translation>
    </message>
    <message>
        <source>the gateway did not answer</source>
        <translation>la pasarela no respondió</translation>
    </message>
    <message>
        <source>the gateway did not accept this softphone&apos;s account</source>
        <translation>la pasarela no aceptó la cuenta de este softphone</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
</context>
<context>
    <name>warmline::app::ViewMenu</name>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation>&amp;Revisión…</translation>
    </message>
    <message>
        <source>Re&amp;ports…</source>
        <translation>Re&amp;portes…</translation>
    </message>
    <message>
        <source>&amp;Administration…</source>
        <translation>&amp;Administración…</translation>
    </message>
    <message>
        <source>Supervisor &amp;feedback…</source>
        <translation>&amp;Comentarios de supervisión…</translation>
    </message>
    <message>
        <source>%1 left feedback on your contact with %2.</source>
        <translation>%1 dejó un comentario sobre tu contacto con %2.</translation>
    </message>
    <message>
        <source>Feedback (%1 new)</source>
        <translation>Comentarios (%1 nuevos)</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Comentarios</translation>
    </message>
</context>
<context>
    <name>warmline::app::WellbeingBar</name>
    <message>
        <source>A word for you</source>
        <translation>Unas palabras para ti</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Take a &amp;break</source>
        <translation>Tomar un desc&amp;anso</translation>
    </message>
    <message>
        <source>Set myself on break</source>
        <translation>Ponerme en descanso</translation>
    </message>
    <message>
        <source>Write a &amp;debrief…</source>
        <translation>Escribir un &amp;informe…</translation>
    </message>
    <message>
        <source>Write a debrief for a supervisor</source>
        <translation>Escribir un informe para supervisión</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <source>Dismiss this notice</source>
        <translation>Cerrar este aviso</translation>
    </message>
    <message>
        <source>You have been taking contacts for a long while without a break. When you can, take a few minutes for yourself.</source>
        <translation>Llevas mucho rato atendiendo contactos sin descansar. Cuando puedas, tómate unos minutos para ti.</translation>
    </message>
    <message>
        <source>That was a heavy contact. Take a few minutes before the next one if you need them, and if it would help, write a short debrief for a supervisor.</source>
        <translation>Ese fue un contacto difícil. Tómate unos minutos antes del siguiente si los necesitas y, si te ayuda, escribe un informe breve para supervisión.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>De acuerdo</translation>
    </message>
</context>
<context>
    <name>warmline::app::WrapUpDialog</name>
    <message>
        <source>Wrap up — %1</source>
        <translation>Cierre — %1</translation>
    </message>
    <message>
        <source>Wrap up</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <source>Write what happened and what was agreed. The note is kept for the line; it is needed before the contact can close.</source>
        <translation>Escribe qué pasó y qué acordaron. La nota se guarda para la línea; hace falta para poder cerrar el contacto.</translation>
    </message>
    <message>
        <source>Wrap-up note</source>
        <translation>Nota de cierre</translation>
    </message>
    <message>
        <source>What did you talk about? How did it end?</source>
        <translation>¿De qué hablaron? ¿Cómo terminó?</translation>
    </message>
    <message>
        <source>&amp;Note (required)</source>
        <translation>&amp;Nota (obligatoria)</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Temas</translation>
    </message>
    <message>
        <source>&amp;Topics</source>
        <translation>&amp;Temas</translation>
    </message>
    <message>
        <source>Referrals given</source>
        <translation>Derivaciones dadas</translation>
    </message>
    <message>
        <source>&amp;Referrals given</source>
        <translation>&amp;Derivaciones dadas</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elige…</translation>
    </message>
    <message>
        <source>Supported</source>
        <translation>Se brindó apoyo</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>Se derivó</translation>
    </message>
    <message>
        <source>Escalated to crisis support</source>
        <translation>Se escaló a apoyo de crisis</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Se desconectó</translation>
    </message>
    <message>
        <source>Inappropriate use</source>
        <translation>Uso inapropiado</translation>
    </message>
    <message>
        <source>Did it help</source>
        <translation>¿Ayudó?</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>Somewhat</source>
        <translation>Un poco</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Not sure</source>
        <translation>No sé</translation>
    </message>
    <message>
        <source>&amp;Outcome (required):</source>
        <translation>&amp;Resultado (obligatorio):</translation>
    </message>
    <message>
        <source>Did it &amp;help? (required):</source>
        <translation>¿&amp;Ayudó? (obligatorio):</translation>
    </message>
    <message>
        <source>Wrap-up problem</source>
        <translation>Problema con el cierre</translation>
    </message>
    <message>
        <source>Close contact</source>
        <translation>Cerrar contacto</translation>
    </message>
    <message>
        <source>Close the contact and save the note (Ctrl+Enter)</source>
        <translation>Cerrar el contacto y guardar la nota (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Back to conversation</source>
        <translation>Volver a la conversación</translation>
    </message>
    <message>
        <source>Closing…</source>
        <translation>Cerrando…</translation>
    </message>
</context>
<context>
    <name>warmline::app::WrapUpLists</name>
    <message>
        <source>Loneliness</source>
        <translation>Soledad</translation>
    </message>
    <message>
        <source>Anxiety</source>
        <translation>Ansiedad</translation>
    </message>
    <message>
        <source>Depression</source>
        <translation>Depresión</translation>
    </message>
    <message>
        <source>Sleep</source>
        <translation>Sueño</translation>
    </message>
    <message>
        <source>Relationships</source>
        <translation>Relaciones</translation>
    </message>
    <message>
        <source>Substance use</source>
        <translation>Consumo de sustancias</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>Vivienda</translation>
    </message>
    <message>
        <source>Grief</source>
        <translation>Duelo</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>988 Suicide &amp; Crisis Lifeline</source>
        <translation>988 Suicide &amp; Crisis Lifeline</translation>
    </message>
    <message>
        <source>Crisis Text Line (text HOME to 741741)</source>
        <translation>Crisis Text Line (envía HOME, o AYUDA en español, al 741741)</translation>
    </message>
    <message>
        <source>Local mobile crisis team</source>
        <translation>Equipo móvil de crisis local</translation>
    </message>
    <message>
        <source>Peer support group</source>
        <translation>Grupo de apoyo entre pares</translation>
    </message>
    <message>
        <source>Primary care / GP</source>
        <translation>Atención primaria / médico de cabecera</translation>
    </message>
</context>
</TS>
