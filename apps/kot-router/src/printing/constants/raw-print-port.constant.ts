/** The raw TCP print port of network receipt printers (JetDirect / "port 9100"). */
export const RAW_PRINT_PORT = 9100;
