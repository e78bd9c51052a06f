import { historyShard } from "../helpers/history-suite.js";

historyShard(2, 4);
